package dev.instacrud.runtime.app;

import dev.instacrud.runtime.data.DataLayer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started service: its port, and a clean stop (HTTP first, then the database, compacting the embedded store). */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final InstaCrudServer server;
    private final DataLayer data;
    private final int port;
    private final String host;
    private final boolean adminUi;
    private final CountDownLatch stopped = new CountDownLatch(1);

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

    /** Blocks until {@link #close()} ran. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops serving, then closes the database; idempotent. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed", e);
        } finally {
            data.close();
            stopped.countDown();
        }
    }
}
