package dev.instacrud.runtime.http;

import dev.instacrud.runtime.log.LogSanitizer;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The access log, written off the request threads: a finished request leaves its line in a bounded queue and one
 * writer thread cleans, formats and logs it ({@code dev.instacrud.access}, with {@code requestId} and {@code userId}
 * in the MDC as on the request thread). A request never waits for the log: when the queue is full (the log's sink
 * slower than the traffic for a while) the line is dropped and counted, {@code instacrud_access_log_dropped_total}.
 * {@link #close} writes what is queued before it returns, so a graceful stop loses no line.
 */
final class AccessLog implements AutoCloseable {
    static final int CAPACITY = 8192;

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.instacrud.access");
    private static final Line STOP = new Line("", "", 0, 0, "", null);

    /** One finished request, as it was: cleaned only when written. */
    record Line(String method, String path, int status, long micros, String requestId, Object userId) {}

    private final BlockingQueue<Line> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    AccessLog() {
        this(CAPACITY);
    }

    AccessLog(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
        writer = new Thread(this::drain, "instacrud-access-log");
        writer.setDaemon(true);
    }

    /** Starts the writer (lines added before wait in the queue). */
    void start() {
        if (writer.getState() == Thread.State.NEW) {
            writer.start();
        }
    }

    /** Queues a line; never blocks: a full queue drops it (counted). */
    void add(Line line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped so far because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Writes what is queued, then stops the writer; waits at most 5 s in all, so a stop never hangs on a sink that
     * does not take lines (the writer is a daemon thread: what it still holds then is lost with the process).
     */
    @Override
    public void close() {
        if (!writer.isAlive()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            if (queue.offer(STOP, 5, TimeUnit.SECONDS)) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            for (Line line = queue.take(); line != STOP; line = queue.take()) {
                write(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Line line) {
        String userId = line.userId() == null ? "-" : LogSanitizer.value(line.userId());
        MDC.put(RequestAttributes.MDC_REQUEST_ID, line.requestId());
        if (line.userId() != null) {
            MDC.put(RequestAttributes.MDC_USER_ID, userId);
        }
        try {
            ACCESS.info(
                    "{} {} {} {}ms request={} user={}",
                    LogSanitizer.value(line.method()),
                    LogSanitizer.path(line.path()),
                    line.status(),
                    String.format(Locale.ROOT, "%.1f", line.micros() / 1000.0),
                    line.requestId(),
                    userId);
        } catch (RuntimeException e) {
            // a broken appender must not stop the writer; logback reports its own errors on its status channel
        } finally {
            MDC.remove(RequestAttributes.MDC_REQUEST_ID);
            MDC.remove(RequestAttributes.MDC_USER_ID);
        }
    }
}
