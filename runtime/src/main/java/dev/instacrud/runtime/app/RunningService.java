package dev.instacrud.runtime.app;

import dev.instacrud.runtime.data.DataLayer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started service: its port, its readiness, and a clean stop (HTTP first, letting requests in flight finish,
 * then the tenant clients and the database, compacting the embedded store).
 */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final InstaCrudServer server;
    private final DataLayer data;
    private final int port;
    private final String host;
    private final boolean adminUi;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean clean = true;

    RunningService(InstaCrudServer server, DataLayer data, String host, int port, boolean adminUi) {
        this.server = server;
        this.adminUi = adminUi;
        this.data = data;
        this.host = host;
        this.port = port;
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8000}. */
    public String url() {
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
    }

    /** The bound port of the metrics listener ({@code METRICS_PORT}), or -1 when there is none. */
    public int metricsPort() {
        return server.metricsPort();
    }

    /** The web admin's URL, {@code URL/admin/}, unless the admin is turned off. */
    public Optional<String> adminUrl() {
        return adminUi ? Optional.of(url() + "/admin/") : Optional.empty();
    }

    /**
     * The line {@code instacrud run} and a generated service print after {@code Listening on ...}, unless the admin is
     * off.
     */
    public Optional<String> adminLine() {
        return adminUrl()
                .map(admin ->
                        "Admin UI on " + admin + " (API docs on " + url() + "/docs/; ADMIN_UI=false turns both off)");
    }

    /** The data layer, for tests and tools that look at what the service stored. */
    public DataLayer data() {
        return data;
    }

    /**
     * Waits until the start-up tasks are done ({@code /health/ready} then answers 200 while the database does).
     *
     * @return false when a task failed or the wait timed out
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return server.startupTasks().await(timeout);
    }

    /**
     * Stops this service gracefully on SIGTERM or SIGINT (see {@link ShutdownSignals}); with {@link
     * #awaitStop()} and an exit status from {@link #stoppedCleanly()}, a {@code main} ends with 0 after a stop it
     * was asked for. A shutdown hook also closes it, for any other way the JVM ends.
     */
    public void stopOnSignals() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "instacrud-shutdown"));
        ShutdownSignals.install(this::close);
    }

    /** Blocks until {@link #close()} ran. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** After {@link #awaitStop()}: true when the server and the database closed without an error. */
    public boolean stoppedCleanly() {
        return clean;
    }

    /**
     * Stops serving (in-flight requests get up to {@code SHUTDOWN_TIMEOUT_SECONDS}), then closes the tenant
     * clients and the database; idempotent.
     */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        long begin = System.nanoTime();
        try {
            server.stop();
        } catch (Exception e) {
            clean = false;
            LOG.warn("stopping the HTTP server failed", e);
        } finally {
            try {
                data.close();
            } catch (RuntimeException e) {
                clean = false;
                LOG.warn("closing the database failed", e);
            }
            LOG.info("stopped in {} ms", (System.nanoTime() - begin) / 1_000_000);
            stopped.countDown();
        }
    }
}
