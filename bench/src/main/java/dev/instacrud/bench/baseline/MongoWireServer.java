package dev.instacrud.bench.baseline;

import dev.instacrud.embedded.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire server of its own process for the benchmarks that need the store outside the service (start-up and
 * memory with {@code MONGO_URL}): the runtime's embedded store ({@link EmbeddedMongo}: mongo-java-server, H2 file,
 * committed after every write) on a temporary folder, listening on loopback. Prints {@code mongo-url URL} once it
 * listens and runs until stopped; the folder is deleted on exit.
 */
public final class MongoWireServer {
    private MongoWireServer() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("instacrud-bench-mongo-");
        EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (Exception ignored) {
                // a leftover temp folder is harmless
            }
            stopped.countDown();
        }));
        System.out.println("mongo-url " + mongo.connectionString());
        System.out.flush();
        stopped.await();
    }
}
