package dev.instacrud.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** {@link Transport} over {@code java.net.http.HttpClient}, HTTP/1.1, one client (hence one connection) per worker. */
final class JdkTransport implements Transport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public Connection open(URI base) {
        var executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jdk-http-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .executor(executor)
                .build();
        return new Connection() {
            @Override
            public Response send(RequestTemplate.Request r) throws IOException {
                HttpRequest.Builder b =
                        HttpRequest.newBuilder(base.resolve(r.path())).timeout(TIMEOUT);
                r.headers().forEach(b::header);
                if (r.body() != null) {
                    b.header("Content-Type", "application/json");
                }
                b.method(
                        r.method(),
                        r.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(r.body()));
                try {
                    HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    return new Response(response.statusCode(), response.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }

            @Override
            public void reset() {
                // the client replaces a failed connection by itself
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
