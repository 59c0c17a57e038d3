package dev.instacrud.bench.baseline;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.embedded.EmbeddedMongo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.bson.Document;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bare baseline of the service benchmark: a Jetty 12 core handler doing the same database operations as a
 * generated service (GET by id, list with one equality filter and its count, create) through mongodb-driver-sync
 * against the same embedded store a generated service uses ({@link EmbeddedMongo}: mongo-java-server, H2 file,
 * committed after every write) on a temporary folder, or the MongoDB in {@code MONGO_URL}, and nothing else: no token check, no scoping, no validation,
 * no security headers.
 *
 * <p>Run it as {@code java -jar bench/target/bare-baseline.jar}. It listens on loopback, on the port in the
 * {@code PORT} environment variable (0 or unset: any free port), and prints {@code listening on port N} once it
 * answers. The data file is deleted on exit.
 */
public final class BareService implements AutoCloseable {

    private final EmbeddedMongo mongo;
    private final MongoClient client;
    private final Server jetty;
    private final Path dataDir;

    private BareService(EmbeddedMongo mongo, MongoClient client, Server jetty, Path dataDir) {
        this.mongo = mongo;
        this.client = client;
        this.jetty = jetty;
        this.dataDir = dataDir;
    }

    /**
     * Starts the HTTP server on {@code port} (0: any free port) on loopback, over the MongoDB at {@code mongoUrl},
     * or over an embedded one of its own when that is null.
     */
    public static BareService start(int port, String mongoUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("instacrud-bare-");
        EmbeddedMongo mongo = mongoUrl == null ? EmbeddedMongo.start(dataDir, Clock.systemUTC()) : null;
        // No ServerApi: the embedded server has no `hello` command (see DEPENDENCY-NOTES.md).
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo != null ? mongo.connectionString() : mongoUrl))
                .applyToConnectionPoolSettings(p -> p.maxSize(64))
                .build());
        MongoDatabase database = client.getDatabase("bench");

        Server jetty = new Server(new QueuedThreadPool(64, 8));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new BareHandler(database));
        BareService service = new BareService(mongo, client, jetty, dataDir);
        try {
            jetty.start();
        } catch (Exception e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws IOException {
        try {
            jetty.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IOException("Jetty did not stop cleanly", e);
        } finally {
            client.close();
            if (mongo != null) {
                mongo.close();
            }
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    /** Starts on {@code $PORT}, over {@code $MONGO_URL} when set, and runs until the process is stopped. */
    public static void main(String[] args) throws Exception {
        String env = System.getenv("PORT");
        int port = env == null || env.isBlank() ? 0 : Integer.parseInt(env.trim());
        String mongoUrl = System.getenv("MONGO_URL");
        BareService service = start(port, mongoUrl == null || mongoUrl.isBlank() ? null : mongoUrl);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        System.out.println("listening on port " + service.port());
        System.out.flush();
        service.jetty.join();
    }

    static Document ping(MongoDatabase db) {
        return db.runCommand(new Document("ping", 1));
    }
}
