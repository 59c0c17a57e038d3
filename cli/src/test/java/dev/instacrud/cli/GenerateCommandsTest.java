package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, check, new and run as users call them: exit codes, output, and what lands on disk. */
class GenerateCommandsTest {
    private static final String TASKS = Path.of("..", "samples", "tasks.yaml").toString();
    private static final String INVALID =
            Path.of("..", "samples", "invalid", "misspellings.yaml").toString();

    @TempDir
    Path temp;

    @Test
    void generateWritesTheSourcesAndReportsWhatItDid() throws IOException {
        Path out = temp.resolve("src");
        Run run = Run.of("generate", TASKS, "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("tasks: 3 entities into " + out + ": 21 created"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("org/example/tasks/TasksApplication.java")));
        assertTrue(Files.isRegularFile(out.resolve("org/example/tasks/openapi.json")));
        Run again = Run.of("generate", TASKS, "--out", out.toString());
        // the sources unchanged; the endpoints class is the user's now, kept whatever it holds
        assertTrue(again.out().contains("0 created, 0 updated, 0 deleted, 20 unchanged, 1 kept"), again.out());
    }

    @Test
    void dryRunWritesNothing() throws IOException {
        Path out = temp.resolve("src");
        Run run = Run.of("generate", TASKS, "--out", out.toString(), "--dry-run");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("(dry run: nothing was written)"), run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void anInvalidSpecLeavesThePreviousOutputExactlyAsItWas() throws IOException {
        Path out = temp.resolve("src");
        assertEquals(0, Run.of("generate", TASKS, "--out", out.toString()).code());
        Map<String, String> before = snapshot(out);
        Run run = Run.of("generate", INVALID, "--out", out.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains(": error: "), run.err());
        assertEquals(before, snapshot(out));
    }

    @Test
    void checkPassesOnFreshOutputAndFailsWithADiffOnAnEdit() throws IOException {
        Path out = temp.resolve("src");
        assertEquals(0, Run.of("generate", TASKS, "--out", out.toString()).code());
        assertEquals(0, Run.of("check", TASKS, "--out", out.toString()).code());
        Path note = out.resolve("org/example/tasks/Note.java");
        Files.writeString(note, Files.readString(note).replace("public record Note(", "public record Note (")); // edit
        Run stale = Run.of("check", TASKS, "--out", out.toString());
        assertEquals(1, stale.code());
        assertTrue(stale.out().contains("--- a/org/example/tasks/Note.java"), stale.out());
        assertTrue(stale.err().contains("is stale"), stale.err());
        assertEquals(
                2,
                Run.of("check", TASKS, "--out", temp.resolve("missing").toString())
                        .code());
    }

    @Test
    void newCreatesTheProjectOnceAndNeverOverwrites() throws IOException {
        Path project = temp.resolve("tasks");
        Run run = Run.of("new", TASKS, "--out", project.toString());
        assertEquals(0, run.code(), run.err());
        for (String file : new String[] {"pom.xml", "README.md", ".gitignore", "src/main/instacrud/instacrud.yaml"}) {
            assertTrue(Files.isRegularFile(project.resolve(file)), file);
        }
        assertTrue(Files.readString(project.resolve("pom.xml"))
                .contains("<artifactId>instacrud-maven-plugin</artifactId>"));
        Files.writeString(project.resolve("README.md"), "mine");
        assertEquals(0, Run.of("new", TASKS, "--out", project.toString()).code());
        assertEquals("mine", Files.readString(project.resolve("README.md")));
    }

    @Test
    void runRefusesAnInvalidSpecAndAMissingFile() {
        assertEquals(
                1,
                Run.of("run", INVALID, "--port", "0", "--data", temp.toString()).code());
        assertEquals(2, Run.of("run", temp.resolve("nope.yaml").toString()).code());
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
