package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.EmailVerification;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.runtime.app.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The curl examples users copy must work as written: the README of every {@code instacrud new} project (every
 * sample, and a spec whose example values must be derived from patterns) and the repository README's quick start
 * ("Try it with curl") are run with bash and curl against the real generated service. crm's walkthrough needs a
 * Turnstile token: a stub of Cloudflare's {@code siteverify} on loopback accepts the one the script sends.
 */
class CurlExamplesTest {
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Pattern BASH_BLOCK =
            Pattern.compile("## Try it with curl.*?```bash\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"tasks.yaml", "crm.yaml", "clinic.yaml", "../cli/src/test/resources/specs/patterns.yaml"})
    void generatedProjectReadmeExamplesWork(String sample) throws Exception {
        ServiceModel model = Instacrud.load(SAMPLES.resolve(sample)).model().orElseThrow();
        String readme = Instacrud.newProject(model, "").stream()
                .filter(f -> f.relativePath().equals("README.md"))
                .map(GeneratedFile::content)
                .findFirst()
                .orElseThrow();
        assertFalse(readme.contains("CHANGE-ME"), "every example value was derived");
        String output = runAgainst(model, script(readme));
        int entities = model.entities().size();
        // every create, get, replace and patch answered a document with its id, every delete a 204
        assertTrue(count(output, "\"id\":\"[0-9a-f]{24}\",") >= 4 * entities, output);
        assertFalse(output.contains("\"status\":4"), "no problem answered: " + output);
        assertEquals(entities, count(output, "(?m)^204$"), output);
        assertTrue(output.contains("\"openapi\":\"3.1.0\""), output);
    }

    @Test
    void repositoryReadmeQuickStartWorks() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        ServiceModel model =
                Instacrud.load(SAMPLES.resolve("tasks.yaml")).model().orElseThrow();
        String output = runAgainst(model, script(readme));
        assertEquals(model.entities().size(), count(output, "(?m)^204$"), output);
    }

    /** The token of the verification link the service logged, waiting for the mail to be sent in the background. */
    private static String verificationToken(ByteArrayOutputStream console) throws InterruptedException {
        Pattern link = Pattern.compile("verify-email\\?token=([A-Za-z0-9_-]+)");
        for (int i = 0; i < 600; i++) {
            Matcher token = link.matcher(console.toString(StandardCharsets.UTF_8));
            if (token.find()) {
                return token.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no verification link in 30 s: " + console.toString(StandardCharsets.UTF_8));
    }

    private static String script(String readme) {
        Matcher block = BASH_BLOCK.matcher(readme);
        assertTrue(block.find(), "no '## Try it with curl' bash block");
        return "set -euo pipefail\n" + block.group(1);
    }

    /** Starts the service on a free port, points the script's BASE at it, runs it, returns what it printed. */
    private String runAgainst(ServiceModel model, String script) throws Exception {
        Map<String, String> env = new HashMap<>(
                Map.of("PORT", "0", "DATA_DIR", temp.resolve("data").toString(), "BCRYPT_COST", "4", "MODE", "test"));
        HttpServer turnstile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        turnstile.createContext("/siteverify", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = form.contains("example-turnstile-token") && form.contains("test-turnstile-secret");
            byte[] answer = ("{\"success\":" + ok + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        turnstile.start();
        boolean inviteOnly = model.auth().registration() == Registration.INVITE_ONLY;
        if (inviteOnly) {
            env.put("BOOTSTRAP_ADMIN_EMAIL", "ada@example.com"); // as the README says
        }
        if (model.auth().turnstile()) {
            env.put("TURNSTILE_SECRET_KEY", "test-turnstile-secret");
            env.put(
                    "TURNSTILE_VERIFY_URL",
                    "http://127.0.0.1:" + turnstile.getAddress().getPort() + "/siteverify");
        }
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunningService started;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            started = ServiceLauncher.start(model, env);
        } catch (Exception | Error e) {
            System.setOut(console);
            throw e;
        }
        // the console stays captured while the script runs: a reader copies the verification link from it
        try (RunningService service = started) {
            Path file = temp.resolve("examples.sh");
            Files.writeString(file, script.replace("BASE=http://127.0.0.1:8000", "BASE=" + service.url()));
            ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
            builder.environment().put("TURNSTILE_TOKEN", "example-turnstile-token");
            if (inviteOnly) {
                // what a reader copies from the service's console
                Matcher code =
                        Pattern.compile("invitation code (\\S+) ").matcher(printed.toString(StandardCharsets.UTF_8));
                assertTrue(code.find(), printed.toString(StandardCharsets.UTF_8));
                builder.environment().put("INVITATION", code.group(1));
            }
            Process bash = builder.start();
            try (Writer typed = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8)) {
                if (model.auth().emailVerification() == EmailVerification.REQUIRED) {
                    typed.write(verificationToken(printed) + "\n"); // what the reader pastes at the prompt
                }
            }
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, bash.exitValue(), output);
            return output.replace("}{", "}\n{").replace("}204", "}\n204");
        } finally {
            System.setOut(console);
            turnstile.stop(0);
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
