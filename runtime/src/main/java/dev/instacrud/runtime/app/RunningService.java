package dev.instacrud.runtime.app;

import dev.instacrud.runtime.data.DataLayer;
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
    private final CountDownLatch stopped = new CountDownLatch(1);

    RunningService(InstaCrudServer server, DataLayer data, String host, int port) {
        this.server = server;
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
