package dev.instacrud.runtime.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account work done after the answer, so that the answer cannot tell by its content or its timing whether an address
 * has an account (a password reset or a new verification link for an address: the look-up, the token and the mail
 * all happen here). One thread, at most {@code capacity} tasks waiting; more are dropped with a warning, which is
 * what a flood of such requests deserves.
 */
final class Background implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final ThreadPoolExecutor executor;

    Background(int capacity) {
        executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), runnable -> {
                    Thread thread = new Thread(runnable, "instacrud-accounts");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Runs the task later; a failure is logged, never thrown. */
    void run(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed: {}", what, e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("{} dropped: too much account work waiting", what);
        }
    }

    /** Lets waiting tasks finish for up to five seconds, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
