package dev.instacrud.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckTest {

    private static final String TASK = Fixture.PKG + "model/Task.java";

    @TempDir
    Path out;

    private final OutputSync sync = new OutputSync("0.1.0");

    @Test
    void aFolderJustGeneratedIsClean() throws IOException {
        sync.write(out, Fixture.generation(0, "Task"), false);
        Files.writeString(out.resolve(Fixture.PKG + "hooks/TaskHooks.java"), "// my hooks\n");
        Files.writeString(out.resolve(Fixture.PKG + "model/Mine.java"), "// a class of my own\n");
        CheckReport report = sync.check(out, Fixture.generation(0, "Task"));
        assertTrue(report.isClean(), report.describe());
        assertEquals(CheckReport.CLEAN, report.exitStatus());
        assertEquals("generated output is up to date\n", report.describe());
    }

    @Test
    void reportsDifferingWithUnifiedDiffsMissingAndOrphanedFiles() throws IOException {
        sync.write(out, Fixture.generation(0, "Task", "Project"), false);
        Files.delete(out.resolve(Fixture.PKG + "repo/TaskRepository.java"));
        Map<String, String> before = Fixture.snapshot(out);

        // The spec gained a field on Task and lost Project; the folder was not regenerated.
        CheckReport report = sync.check(out, Fixture.generation(1, "Task"));

        assertEquals(before, Fixture.snapshot(out), "check writes nothing");
        assertEquals(CheckReport.STALE, report.exitStatus());
        assertEquals(List.of(Fixture.PKG + "repo/TaskRepository.java"), report.missing());
        assertEquals(
                List.of(
                        Fixture.PKG + "model/Project.java",
                        Fixture.PKG + "repo/ProjectRepository.java",
                        Fixture.PKG + "routes/ProjectRoutes.java"),
                report.orphaned());
        assertEquals(
                List.of(TASK, "src/main/resources/openapi.yaml"),
                report.differing().stream().map(FileDiff::path).toList());
        assertEquals("""
                --- a/src/main/java/com/acme/model/Task.java
                +++ b/src/main/java/com/acme/model/Task.java
                @@ -3,5 +3,6 @@
                 public record Task(
                         String id,
                         String title,
                +        String extra0,
                         String orgId) {
                 }
                """, report.differing().get(0).unifiedDiff());
        assertEquals("""
                --- a/src/main/resources/openapi.yaml
                +++ b/src/main/resources/openapi.yaml
                @@ -1,4 +1,3 @@
                 openapi: 3.1.0
                 paths:
                   /tasks: {}
                -  /projects: {}
                """, report.differing().get(1).unifiedDiff());
        String text = report.describe();
        assertTrue(
                text.startsWith(report.differing().get(0).unifiedDiff()
                        + report.differing().get(1).unifiedDiff()
                        + "missing (the spec produces them, the folder lacks them):\n  " + Fixture.PKG
                        + "repo/TaskRepository.java\norphaned (generated earlier, no longer produced by the spec):\n"),
                text);
        assertTrue(
                text.endsWith("2 differing, 1 missing, 3 orphaned; regenerate to bring the folder up to date\n"), text);

        sync.write(out, Fixture.generation(1, "Task"), false);
        assertTrue(sync.check(out, Fixture.generation(1, "Task")).isClean());
    }

    @Test
    void missingUserOwnedFilesAreReportedButTheirContentIsTheUsers() throws IOException {
        sync.write(out, Fixture.generation(0, "Task"), false);
        Files.delete(out.resolve("README.md"));
        Files.writeString(out.resolve(Fixture.PKG + "hooks/TaskHooks.java"), "// mine\n");
        CheckReport report = sync.check(out, Fixture.generation(0, "Task"));
        assertEquals(List.of("README.md"), report.missing());
        assertEquals(List.of(), report.differing());
    }

    @Test
    void checkingAFolderThatDoesNotExistListsEverythingAsMissing() throws IOException {
        CheckReport report = sync.check(out.resolve("nothing-here"), Fixture.generation(0, "Task"));
        assertEquals(6, report.missing().size());
        assertEquals(CheckReport.STALE, report.exitStatus());
    }
}
