package dev.instacrud.runtime.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The development default: a MongoDB-wire-protocol server (mongo-java-server) on a loopback port, kept in
 * one H2 file ({@code instacrud.mv.db} in the data directory) that survives restarts and process kills
 * (see {@link CrashSafeH2Backend}), or in memory for tests.
 *
 * <p>It enforces no TTL index, runs no transaction, and ignores non-unique indexes (every filtered query
 * is a scan), so it is for development and tests, never production: {@link
 * dev.instacrud.runtime.data.DataLayer} refuses to start it in {@code prod} mode. Talk to it with a
 * plain connection string (no server API: it has no {@code hello} command) and check health with
 * {@code ping}.
 */
public final class EmbeddedMongo implements AutoCloseable {
    /** The file name of the store inside the data directory. */
    public static final String STORE_FILE = "instacrud.mv.db";

    private final CrashSafeH2Backend backend;
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(CrashSafeH2Backend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", 0); // loopback only, a free port
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.connectionString =
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    /**
     * Starts the server over the store file in {@code dataDir}, creating the directory when missing.
     *
     * @param dataDir the service's data directory
     * @param clock the server's clock (it stamps {@code $currentDate})
     */
    public static EmbeddedMongo start(Path dataDir, Clock clock) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        return new EmbeddedMongo(
                CrashSafeH2Backend.open(dataDir.resolve(STORE_FILE).toString(), clock));
    }

    /** Starts the server over an in-memory store, lost on close: for tests. */
    public static EmbeddedMongo startInMemory(Clock clock) {
        return new EmbeddedMongo(CrashSafeH2Backend.open(null, clock));
    }

    /** A connection string for the driver, e.g. {@code mongodb://127.0.0.1:41234}. */
    public String connectionString() {
        return connectionString;
    }

    /** Stops listening, commits and compacts the store file. */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
