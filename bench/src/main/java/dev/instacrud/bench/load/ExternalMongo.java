package dev.instacrud.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB-wire server both sides of a benchmark share when it runs with {@code --external-mongo}: {@code
 * MongoWireServer} started as its own process (so neither side's time nor RSS includes the store), its URL handed to
 * both as {@code MONGO_URL}.
 */
final class ExternalMongo implements AutoCloseable {
    private final Process process;
    private final String url;

    private ExternalMongo(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static ExternalMongo start() throws IOException {
        Process process = new ProcessBuilder(List.of(
                        "java",
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        "bench/target/benchmarks.jar",
                        "dev.instacrud.bench.baseline.MongoWireServer"))
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("mongo-url ")) {
                String url = line.substring("mongo-url ".length()).trim();
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep its pipe from filling
                        }
                    } catch (IOException ignored) {
                        // it stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                System.out.println("external MongoDB-wire server: pid " + process.pid());
                return new ExternalMongo(process, url);
            }
        }
        process.destroyForcibly();
        throw new IOException("the MongoDB-wire server did not start");
    }

    /** The connection string (with its credential: never print it). */
    String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
