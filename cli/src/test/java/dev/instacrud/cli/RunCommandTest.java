package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code instacrud run}: a taken port is a plain usage error; Ctrl-C stops it cleanly with exit status 0. */
class RunCommandTest {
    private static final String TASKS = Path.of("..", "samples", "tasks.yaml").toString();

    @TempDir
    Path temp;

    @Test
    void aTakenPortIsExitTwoWithAPlainMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = Run.of("run", TASKS, "--port", Integer.toString(taken.getLocalPort()), "--data", temp.toString());
            assertEquals(2, run.code(), run.err());
            assertTrue(
                    run.err().startsWith("instacrud: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    run.err());
            assertTrue(run.err().contains("choose another port (PORT, --port)"), run.err());
            assertFalse(run.err().contains("internal error"), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }

    @Test
    void ctrlCStopsRunGracefullyWithExitZero() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path cpFile = temp.resolve("cp.txt");
        Files.writeString(cpFile, "-cp \"" + cp.replace("\\", "\\\\") + "\"");
        ProcessBuilder builder = new ProcessBuilder(
                        javaBin,
                        "-XX:TieredStopAtLevel=1",
                        "@" + cpFile,
                        Main.class.getName(),
                        "run",
                        TASKS,
                        "--port",
                        "0",
                        "--data",
                        temp.resolve("data").toString())
                .redirectErrorStream(true);
        builder.environment().put("MODE", "test");
        builder.environment().remove("MONGO_URL");
        Process run = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String url = null;
            for (String line; url == null && (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Listening on ")) {
                    url = line.substring("Listening on ".length()).trim();
                }
            }
            assertTrue(url != null, String.join("\n", lines));
            HttpClient http = HttpClient.newHttpClient();
            int ready = 0;
            for (int i = 0; i < 100 && ready != 200; i++) {
                ready = http.send(
                                HttpRequest.newBuilder(URI.create(url + "/health/ready"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                Thread.sleep(ready == 200 ? 0 : 50);
            }
            assertEquals(200, ready);

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(run.waitFor(30, TimeUnit.SECONDS), "run stopped");
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
            assertEquals(0, run.exitValue(), String.join("\n", lines));
        } finally {
            run.destroyForcibly();
        }
    }
}
