package dev.instacrud.runtime.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work a service does once it listens and before it is ready for traffic: building indexes, migrating
 * data. {@code /health/ready} answers 503 until every task has finished, so an orchestrator or load balancer
 * sends no request to an instance whose indexes or data are not there yet, while {@code /health/live} already
 * answers (a long migration is not a hung process).
 *
 * <p>Tasks are added while the server is assembled ({@link InstaCrudServer.Builder#startupTask}) and run once,
 * in the order added, on one background thread. A task that throws stops the others: readiness then stays
 * 503 naming it, and the service's {@code main} stops with exit status 1 rather than serve a half-prepared
 * database.
 */
public final class StartupTasks {
    private static final Logger LOG = LoggerFactory.getLogger(StartupTasks.class);

    /** One piece of start-up work; it may block (it runs on its own thread). */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private record Named(String name, Task task) {}

    private final List<Named> tasks = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String running;
    private volatile String failed;
    private volatile boolean started;

    StartupTasks() {}

    /** Adds a task; names appear in logs and in {@code /health/ready}'s answer. */
    synchronized void add(String name, Task task) {
        if (started) {
            throw new IllegalStateException("start-up tasks are fixed once the service has started");
        }
        if (name == null || !name.matches("[a-z][a-z0-9 -]{0,63}")) {
            throw new IllegalArgumentException("a task name is lower-case words: " + name);
        }
        tasks.add(new Named(name, Objects.requireNonNull(task, "task")));
    }

    /** Runs every task in order on a thread of its own; {@code onFailure} hears of the first that fails. */
    synchronized void start(Consumer<Throwable> onFailure) {
        if (started) {
            return;
        }
        started = true;
        List<Named> all = List.copyOf(tasks);
        Thread thread = new Thread(() -> run(all, onFailure), "instacrud-startup");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(List<Named> all, Consumer<Throwable> onFailure) {
        try {
            for (Named task : all) {
                running = task.name();
                long begin = System.nanoTime();
                try {
                    task.task().run();
                } catch (Exception | Error e) {
                    failed = task.name();
                    LOG.error("start-up task '{}' failed; the service will not become ready", task.name(), e);
                    onFailure.accept(e);
                    return;
                }
                LOG.info("start-up task '{}' done in {} ms", task.name(), (System.nanoTime() - begin) / 1_000_000);
            }
            running = null;
        } finally {
            finished.countDown();
        }
    }

    /** True once every task has finished without failing. */
    public boolean done() {
        return started && finished.getCount() == 0 && failed == null;
    }

    /** Why the service is not ready yet, or null when {@link #done()}. */
    String notReadyReason() {
        if (failed != null) {
            return "Start-up task failed: " + failed;
        }
        if (done()) {
            return null;
        }
        String current = running;
        return current == null ? "Starting" : "Starting: " + current;
    }

    /**
     * Waits until every task has finished.
     *
     * @return true when they all succeeded, false when one failed or the wait timed out
     */
    public boolean await(java.time.Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) && failed == null;
    }
}
