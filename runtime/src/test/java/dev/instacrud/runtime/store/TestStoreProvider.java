package dev.instacrud.runtime.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The runtime's own tests' embedded store: mongo-java-server over its memory backend on loopback, registered in the
 * test resources' {@code META-INF/services}. A store "in" a data directory lives as long as the test JVM, so a
 * service restarted over the same directory finds its data again, as it would in the file store. The real one (a file, crash-safe, closed to other clients) is the
 * module {@code instacrud-embedded}, which depends on the runtime, so the runtime's tests cannot use it; its tests
 * are there.
 */
public final class TestStoreProvider implements EmbeddedStoreProvider {
    private static final java.util.Map<Path, String> BY_DIRECTORY = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public EmbeddedStore start(Path dataDir, Clock clock) {
        String url = BY_DIRECTORY.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> {
            MongoServer server = new MongoServer(new MemoryBackend(clock));
            server.bind("127.0.0.1", 0);
            return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        });
        return new EmbeddedStore() {
            @Override
            public String connectionString() {
                return url;
            }

            @Override
            public void close() {
                // kept for a restart over the same directory, until the JVM ends
            }
        };
    }

    @Override
    public EmbeddedStore startInMemory(Clock clock) {
        MongoServer server = new MongoServer(new MemoryBackend(clock));
        server.bind("127.0.0.1", 0);
        String url = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        return new EmbeddedStore() {
            @Override
            public String connectionString() {
                return url;
            }

            @Override
            public void close() {
                server.shutdownNow();
            }
        };
    }
}
