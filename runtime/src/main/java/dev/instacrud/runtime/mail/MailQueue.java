package dev.instacrud.runtime.mail;

import dev.instacrud.runtime.log.LogSanitizer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail in the background, so that no answer waits for an SMTP server or tells by its timing whether a mail
 * was sent (a password reset answers the same, as fast, for an address with and without an account). A message
 * that fails is tried again after each of {@link #RETRY_DELAYS}, then dropped with a warning; at most {@code
 * capacity} messages wait at once, and more are dropped with a warning rather than piling up in memory while the
 * server is down. Two threads, so one slow delivery does not hold every other one.
 */
public final class MailQueue implements AutoCloseable {
    /** The waits before the second and third attempt. */
    public static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(15));

    private static final Logger LOG = LoggerFactory.getLogger(MailQueue.class);

    private final MailSender sender;
    private final int capacity;
    private final List<Duration> retryDelays;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();

    /**
     * @param capacity how many messages may wait at once
     */
    public MailQueue(MailSender sender, int capacity) {
        this(sender, capacity, RETRY_DELAYS);
    }

    /** A queue that waits these delays between attempts (tests use short ones). */
    public MailQueue(MailSender sender, int capacity, List<Duration> retryDelays) {
        this.sender = sender;
        this.capacity = capacity;
        this.retryDelays = List.copyOf(retryDelays);
        this.executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "instacrud-mail");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Queues a message; never blocks and never throws for a delivery problem. */
    public void submit(Mail mail) {
        if (pending.incrementAndGet() > capacity) {
            done();
            LOG.warn("mail to {} dropped: {} messages are already waiting", LogSanitizer.value(mail.to()), capacity);
            return;
        }
        try {
            executor.execute(() -> attempt(mail, 0));
        } catch (RuntimeException e) { // closed
            done();
            LOG.warn("mail to {} dropped: the queue is closed", LogSanitizer.value(mail.to()));
        }
    }

    private void attempt(Mail mail, int failures) {
        try {
            sender.send(mail);
            done();
        } catch (MailSender.MailException | RuntimeException e) {
            if (failures < retryDelays.size() && !executor.isShutdown()) {
                LOG.info(
                        "mail to {} failed ({}), trying again in {} ms",
                        LogSanitizer.value(mail.to()),
                        LogSanitizer.value(e.getMessage()),
                        retryDelays.get(failures).toMillis());
                try {
                    executor.schedule(
                            () -> attempt(mail, failures + 1),
                            retryDelays.get(failures).toMillis(),
                            TimeUnit.MILLISECONDS);
                    return;
                } catch (RuntimeException closed) {
                    // fall through: dropped
                }
            }
            done();
            LOG.warn(
                    "mail to {} not delivered after {} attempts: {}",
                    LogSanitizer.value(mail.to()),
                    failures + 1,
                    LogSanitizer.value(e.getMessage()));
        }
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Waits until every queued message was sent or dropped, or the timeout passed; whether it is idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** Gives waiting messages up to five seconds, then stops. */
    @Override
    public void close() {
        try {
            awaitIdle(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
