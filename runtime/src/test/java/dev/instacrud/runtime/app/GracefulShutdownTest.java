package dev.instacrud.runtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real service process ({@link SlowService} through {@code ServiceRunner.main}) and a real SIGTERM: the request
 * in flight completes, new connections are refused, the store is closed and the process exits with 0. Its log,
 * with {@code LOG_FORMAT=json}, is one JSON object per line with the request and user ids.
 */
class GracefulShutdownTest {
    @TempDir
    Path data;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sigtermLetsTheRequestInFlightFinishThenExitsZero() throws Exception {
        Process child = start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> read(child, lines, all));
        reader.setDaemon(true);
        reader.start();
        try {
            String listening = awaitLine(lines, "Listening on ", 60);
            String url = listening.substring("Listening on ".length()).trim();
            int port = URI.create(url).getPort();

            String token = signUp(url);
            HttpResponse<String> me = send(url + "/api/v1/me", "Bearer " + token);
            assertEquals(200, me.statusCode(), me.body());
            String userId = json.readTree(me.body()).get("id").asText();
            String meRequestId = me.headers().firstValue("X-Request-ID").orElseThrow();

            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/slow"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitLine(lines, "SLOW STARTED", 20);

            signal(child, "TERM"); // not Process.destroy(), which also closes our end of its output
            assertTrue(refusedSoon(port), "new connections are refused once stopping");
            assertFalse(slow.isDone(), "the slow request was still running when the port closed");

            HttpResponse<String> finished = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, finished.statusCode(), finished.body());
            assertEquals("{\"done\":true}", finished.body());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the process ended");
            assertEquals(0, child.exitValue(), String.join("\n", all));
            reader.join(5000);

            List<JsonNode> events = new ArrayList<>();
            for (String line : all) {
                if (line.startsWith("{")) {
                    events.add(json.readTree(line)); // every log line is one JSON object
                } else {
                    assertTrue(
                            line.startsWith("Listening on ") || line.equals("SLOW STARTED"),
                            "a line that is neither JSON nor the service's own output: " + line);
                }
            }
            JsonNode access = events.stream()
                    .filter(e -> e.path("loggerName").asText().equals("dev.instacrud.access")
                            && e.path("formattedMessage").asText().startsWith("GET /api/v1/me "))
                    .findFirst()
                    .orElseThrow();
            assertEquals(meRequestId, access.get("requestId").asText());
            assertEquals(userId, access.get("userId").asText());
            assertTrue(access.get("formattedMessage").asText().contains(" 200 "), access.toString());
            assertTrue(
                    events.stream()
                            .anyMatch(e -> e.path("formattedMessage").asText().equals("SIGTERM received: stopping")),
                    "the stop is logged");
            assertTrue(
                    events.stream()
                            .anyMatch(e -> e.path("formattedMessage").asText().startsWith("GET /api/v1/slow 200")),
                    "the slow request is logged as answered");
            assertNotNull(events.stream()
                    .filter(e -> e.path("formattedMessage").asText().startsWith("stopped in "))
                    .findFirst()
                    .orElse(null));
        } finally {
            child.destroyForcibly();
        }
    }

    private Process start() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path cpFile = Files.createTempFile(data, "cp", ".txt");
        Files.writeString(cpFile, "-cp \"" + cp.replace("\\", "\\\\") + "\"");
        ProcessBuilder builder = new ProcessBuilder(
                        javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1", "@" + cpFile, SlowService.class.getName())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("MODE", "test");
        builder.environment().put("PORT", "0");
        builder.environment().put("DATA_DIR", data.toString());
        builder.environment().put("BCRYPT_COST", "4");
        builder.environment().put("LOG_FORMAT", "json");
        builder.environment().put("ADMIN_UI", "false");
        builder.environment().put("SHUTDOWN_TIMEOUT_SECONDS", "20");
        builder.environment().put("SLOW_MILLIS", "3000");
        return builder.start();
    }

    static void signal(Process child, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid()))
                .inheritIO()
                .start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    private static void read(Process child, BlockingQueue<String> lines, List<String> all) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                all.add(line);
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix, int seconds) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within " + seconds + " s");
    }

    private static boolean refusedSoon(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                // a timeout or reset while closing: try again
            }
            Thread.sleep(20);
        }
        return false;
    }

    private String signUp(String url) throws Exception {
        HttpResponse<String> signup = post(
                url + "/api/v1/auth/signup",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"name\":\"Ada\",\"organization\":\"Acme\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        HttpResponse<String> signin =
                post(url + "/api/v1/auth/signin", "{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}");
        assertEquals(200, signin.statusCode(), signin.body());
        return json.readTree(signin.body()).get("access_token").asText();
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String url, String authorization) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
