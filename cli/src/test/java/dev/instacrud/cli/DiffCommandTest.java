package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code instacrud diff}: its output, exit codes, and the proposals it writes (once) and lists. */
class DiffCommandTest {
    private static final Path TASKS = Path.of("..", "samples", "tasks.yaml");

    @TempDir
    Path temp;

    private Path changed(String from, String to) throws IOException {
        String spec = Files.readString(TASKS);
        assertTrue(spec.contains(from), from);
        Path file = temp.resolve("new.yaml");
        Files.writeString(file, spec.replace(from, to));
        return file;
    }

    @Test
    void compatibleChangesExitZero() throws IOException {
        Path next = changed(
                "      pinned:    { type: boolean }",
                "      pinned:    { type: boolean }\n      color: { type: string }");
        Run run = Run.of("diff", TASKS.toString(), next.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(
                run.out().contains(next + ":40:7: compatible: Note.color: color is a new optional field"), run.out());
        assertTrue(run.out().contains("1 change: 1 compatible, 0 need data migration, 0 break API clients"), run.out());
        Run same = Run.of("diff", TASKS.toString(), TASKS.toString());
        assertEquals(0, same.code());
        assertEquals("no changes", same.out().strip());
    }

    @Test
    void aChangeThatNeedsAMigrationExitsOneAndIsProposedOnce() throws IOException {
        Path next = changed(
                "      title:     { type: string, required: true, minLength: 1, maxLength: 200, searchable: true }",
                "      title:     { type: string, required: true, minLength: 1, maxLength: 200, searchable: true }\n"
                        + "      reporter:  { type: email, required: true }");
        Path project = temp.resolve("project");
        Run run = Run.of("diff", TASKS.toString(), next.toString(), "--propose", project.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(
                run.out()
                        .contains(": needs data migration, breaks API clients: Task.reporter: reporter is new and"
                                + " required, without a default"),
                run.out());
        Path proposal = project.resolve("src/main/java/org/example/tasks/migrations/V2__AddTaskReporter.java");
        assertTrue(Files.isRegularFile(proposal), run.out());
        Path services = project.resolve("src/main/resources/META-INF/services/dev.instacrud.runtime.data.Migration");
        assertEquals("org.example.tasks.migrations.V2__AddTaskReporter\n", Files.readString(services));

        // the developer edits it; running again keeps it, numbers a new change after it, and lists each once
        Files.writeString(proposal, "// mine\n");
        Path later = temp.resolve("later.yaml");
        Files.writeString(
                later,
                Files.readString(next)
                        .replace(
                                "      pinned:    { type: boolean }",
                                "      pinned:    { type: boolean, required: true }"));
        Run again = Run.of("diff", TASKS.toString(), later.toString(), "--propose", project.toString());
        assertEquals(1, again.code(), again.err());
        assertEquals("// mine\n", Files.readString(proposal), "never overwritten");
        assertTrue(
                Files.isRegularFile(
                        project.resolve("src/main/java/org/example/tasks/migrations/V3__AddNotePinned.java")),
                again.out());
        assertEquals(
                "org.example.tasks.migrations.V2__AddTaskReporter\n"
                        + "org.example.tasks.migrations.V3__AddNotePinned\n",
                Files.readString(services));
    }

    @Test
    void missingFilesAndInvalidSpecsAreUsageErrors() throws IOException {
        Run missing = Run.of("diff", TASKS.toString(), temp.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path broken = changed("type: boolean", "type: bool");
        Run invalid = Run.of("diff", TASKS.toString(), broken.toString());
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().contains("error: unknown type 'bool'"), invalid.err());
        assertFalse(invalid.err().contains("Exception"), invalid.err());
    }

    @Test
    void checkWithThePreviousSpecSaysWhatChangedAndFailsWhenStoredDataOrClientsMustFollow() throws IOException {
        Path compatible = changed(
                "      pinned:    { type: boolean }",
                "      pinned:    { type: boolean }\n      color: { type: string }");
        Path out = temp.resolve("out");
        assertEquals(
                0,
                Run.of("generate", compatible.toString(), "--out", out.toString())
                        .code());
        Run fine = Run.of("check", compatible.toString(), "--out", out.toString(), "--previous", TASKS.toString());
        assertEquals(0, fine.code(), fine.err());
        assertTrue(fine.out().contains("compatible: Note.color: color is a new optional field"), fine.out());
        assertTrue(fine.out().contains(out + ": up to date with " + compatible), fine.out());

        Files.writeString(
                compatible,
                Files.readString(compatible)
                        .replace(
                                "      color: { type: string }",
                                "      color: { type: string }\n      reporter: { type: email, required: true }"));
        assertEquals(
                0,
                Run.of("generate", compatible.toString(), "--out", out.toString())
                        .code());
        Run migration = Run.of("check", compatible.toString(), "--out", out.toString(), "--previous", TASKS.toString());
        assertEquals(1, migration.code(), "up to date, but stored notes lack a reporter: " + migration.out());
        assertTrue(migration.out().contains("needs data migration"), migration.out());
        assertTrue(migration.err().contains("needs a data migration or breaks API clients"), migration.err());

        Path broken = temp.resolve("old.yaml");
        Files.writeString(broken, Files.readString(TASKS).replace("type: boolean", "type: bool"));
        Run invalid = Run.of("check", compatible.toString(), "--out", out.toString(), "--previous", broken.toString());
        assertEquals(2, invalid.code(), invalid.out());
        assertTrue(invalid.err().contains("is invalid"), invalid.err());
    }
}
