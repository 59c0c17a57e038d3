package dev.instacrud.embedded;

import de.bwaldvogel.mongo.MongoServer;
import dev.instacrud.runtime.store.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development default: a MongoDB-wire-protocol server (mongo-java-server) on a loopback port, kept in
 * one H2 file ({@code instacrud.mv.db} in the data directory) that survives restarts and process kills
 * (see {@link CrashSafeH2Backend}), or in memory for tests.
 *
 * <p>It is the service's alone. The port answers only connections that authenticate with a random
 * credential made at each start and known only to {@link #connectionString()} ({@link ScramGate}); the data
 * directory is made {@code 0700} and its files {@code 0600} at start and after close, with a warning in the
 * log when the file system has no POSIX permissions or refuses them.
 *
 * <p>It enforces no TTL index, runs no transaction, and ignores non-unique indexes (every filtered query
 * is a scan), so it is for development and tests, never production: the data layer refuses to start it in
 * {@code prod} mode, and production jars leave this module out. Talk to it with a
 * plain connection string (no server API: it has no {@code hello} command) and check health with
 * {@code ping}.
 */
public final class EmbeddedMongo implements EmbeddedStore {
    /** The file name of the store inside the data directory. */
    public static final String STORE_FILE = EmbeddedStore.STORE_FILE;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final java.util.concurrent.atomic.AtomicBoolean EXPLAINED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Path dataDir;
    private final CrashSafeH2Backend backend;
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(Path dataDir, CrashSafeH2Backend backend, ScramGate gate) {
        this.dataDir = dataDir;
        this.backend = backend;
        this.server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", 0); // loopback only, a free port
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.connectionString = "mongodb://" + gate.userInfo() + "@127.0.0.1:"
                + server.getLocalAddress().getPort() + "/?" + ScramGate.options();
        if (EXPLAINED.compareAndSet(false, true)) {
            LOG.info("The embedded MongoDB keeps unique indexes but not the others the service creates, so filtered"
                    + " lists read every document of their collection; a production MongoDB uses them all");
        }
    }

    /**
     * Starts the server over the store file in {@code dataDir}, creating the directory when missing.
     *
     * @param dataDir the service's data directory
     * @param clock the server's clock (it stamps {@code $currentDate})
     */
    public static EmbeddedMongo start(Path dataDir, Clock clock) {
        Path file = dataDir.resolve(STORE_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                Files.createFile(
                        file); // H2 takes an empty file as a new store; created first to be 0600 from the start
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        ownerOnly(dataDir);
        ScramGate gate = new ScramGate();
        return new EmbeddedMongo(dataDir, CrashSafeH2Backend.open(file.toString(), clock, gate), gate);
    }

    /** Starts the server over an in-memory store, lost on close: for tests. */
    public static EmbeddedMongo startInMemory(Clock clock) {
        ScramGate gate = new ScramGate();
        return new EmbeddedMongo(null, CrashSafeH2Backend.open(null, clock, gate), gate);
    }

    /**
     * The driver's connection string, with this start's credential: {@code
     * mongodb://instacrud:<random>@127.0.0.1:41234/?authSource=admin&authMechanism=SCRAM-SHA-256}. Never log it.
     */
    @Override
    public String connectionString() {
        return connectionString;
    }

    /** Stops listening, commits and compacts the store file. */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
        if (dataDir != null) {
            ownerOnly(dataDir); // in case compacting replaced the file
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + (dataDir == null ? "memory" : dataDir) + "]"; // never the credential
    }

    // The directory 0700, the files in it 0600; a warning when the file system cannot say so.
    private static void ownerOnly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException e) {
            LOG.warn(
                    "The file system of {} has no POSIX permissions: make sure only the service's user can read it",
                    dir);
        } catch (IOException e) {
            LOG.warn(
                    "Cannot make {} readable by its owner only: {}",
                    dir,
                    e.getClass().getSimpleName());
        }
    }
}
