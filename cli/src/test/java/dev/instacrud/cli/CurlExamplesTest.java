package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.runtime.app.RunningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The curl examples users copy must work as written: the README of every {@code instacrud new} project
 * and the repository README's quick start ("Try it with curl") are run with bash and curl against the real generated service.
 */
class CurlExamplesTest {
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Pattern BASH_BLOCK =
            Pattern.compile("## Try it with curl.*?```bash\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"tasks.yaml", "clinic.yaml"})
    void generatedProjectReadmeExamplesWork(String sample) throws Exception {
        ServiceModel model = Instacrud.load(SAMPLES.resolve(sample)).model().orElseThrow();
        String readme = Instacrud.newProject(model, "").stream()
                .filter(f -> f.relativePath().equals("README.md"))
                .map(GeneratedFile::content)
                .findFirst()
                .orElseThrow();
        String output = runAgainst(model, script(readme));
        int entities = model.entities().size();
        // every create answered an id, every delete a 204
        assertEquals(entities, count(output, "\"id\":\"[0-9a-f]{24}\",") / 4, output);
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

    private static String script(String readme) {
        Matcher block = BASH_BLOCK.matcher(readme);
        assertTrue(block.find(), "no '## Try it with curl' bash block");
        return "set -euo pipefail\n" + block.group(1);
    }

    /** Starts the service on a free port, points the script's BASE at it, runs it, returns what it printed. */
    private String runAgainst(ServiceModel model, String script) throws Exception {
        Map<String, String> env =
                Map.of("PORT", "0", "DATA_DIR", temp.resolve("data").toString(), "BCRYPT_COST", "4", "MODE", "test");
        try (RunningService service = ServiceLauncher.start(model, env)) {
            Path file = temp.resolve("examples.sh");
            Files.writeString(file, script.replace("BASE=http://127.0.0.1:8000", "BASE=" + service.url()));
            Process bash = new ProcessBuilder("bash", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, bash.exitValue(), output);
            return output.replace("}{", "}\n{").replace("}204", "}\n204");
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
