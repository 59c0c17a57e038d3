package dev.instacrud.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegenerationTest {

    private static final String TASK = Fixture.PKG + "model/Task.java";
    private static final String PROJECT_ROUTES = Fixture.PKG + "routes/ProjectRoutes.java";
    private static final String PROJECT_REPO = Fixture.PKG + "repo/ProjectRepository.java";
    private static final String PROJECT_MODEL = Fixture.PKG + "model/Project.java";
    private static final String PROJECT_HOOKS = Fixture.PKG + "hooks/ProjectHooks.java";
    private static final String USER_MODEL = Fixture.PKG + "model/User.java";

    @TempDir
    Path out;

    private final OutputSync sync = new OutputSync("0.1.0");

    @Test
    void regenerationKeepsEditsDeletesUntouchedOrphansAndLeavesHooksAlone() throws IOException {
        OutputResult first = sync.write(out, Fixture.generation(0, "Task", "Project", "User"), false);
        assertEquals(14, first.created().size(), "10 generated + 3 hooks + README");

        String editedTask = read(TASK).replace("String title,", "String title, // mine");
        write(TASK, editedTask);
        String editedProjectRoutes = read(PROJECT_ROUTES) + "// hand-written route\n";
        write(PROJECT_ROUTES, editedProjectRoutes);
        String myHooks = "package com.acme.hooks;\n// my business rules\n";
        write(PROJECT_HOOKS, myHooks);
        write(Fixture.PKG + "hooks/TaskHooks.java", "// task hooks, mine\n");

        // Project removed from the spec, and the records change shape.
        OutputResult second = sync.write(out, Fixture.generation(1, "Task", "User"), false);

        assertEquals(editedTask, read(TASK), "the edited generated file is untouched");
        assertEquals(
                List.of(
                        new PlannedChange(
                                TASK,
                                Action.KEEP_EDITED,
                                "edited since it was generated; --force replaces it and keeps a .orig copy"),
                        new PlannedChange(
                                PROJECT_ROUTES, Action.KEEP_ORPHAN_EDITED, "no longer generated, but edited since")),
                second.reported());
        assertEquals(List.of(PROJECT_MODEL, PROJECT_REPO), second.deleted());
        assertFalse(Files.exists(out.resolve(PROJECT_MODEL)));
        assertFalse(Files.exists(out.resolve(PROJECT_REPO)));
        assertEquals(editedProjectRoutes, read(PROJECT_ROUTES), "an edited orphan is left alone");
        assertEquals(myHooks, read(PROJECT_HOOKS), "hooks of a removed entity are the user's");
        assertEquals("// task hooks, mine\n", read(Fixture.PKG + "hooks/TaskHooks.java"));
        assertEquals(
                List.of("README.md", Fixture.PKG + "hooks/TaskHooks.java", Fixture.PKG + "hooks/UserHooks.java"),
                second.userOwnedKept());
        assertEquals(List.of(USER_MODEL, "src/main/resources/openapi.yaml"), second.updated());
        assertEquals(Fixture.recordSource("User", 1), read(USER_MODEL), "the rest is regenerated");
        assertFalse(read("src/main/resources/openapi.yaml").contains("projects"));
        assertFalse(Files.exists(out.resolve(".instacrud/staging")), "no staging litter after success");

        // The edited file stays ours in the manifest, so it keeps being reported until resolved.
        OutputPlan again = sync.plan(out, Fixture.generation(1, "Task", "User"), false);
        assertEquals(List.of(TASK), again.paths(Action.KEEP_EDITED));
        assertEquals(List.of(PROJECT_ROUTES), again.paths(Action.KEEP_ORPHAN_EDITED));

        // Reverting the orphan's edit lets the next run delete it, and its now-empty folder with it.
        write(PROJECT_ROUTES, Fixture.generation(0, "Project").get(2).content());
        OutputResult third = sync.write(out, Fixture.generation(1, "Task", "User"), false);
        assertEquals(List.of(PROJECT_ROUTES), third.deleted());
        assertTrue(Files.exists(out.resolve(Fixture.PKG + "routes/UserRoutes.java")));
    }

    @Test
    void emptiedFoldersAreRemoved() throws IOException {
        List<GeneratedFile> with = new ArrayList<>(Fixture.generation(0, "Task"));
        with.add(GeneratedFile.generated("src/main/java/com/acme/extra/deep/Extra.java", "class Extra {}\n"));
        sync.write(out, with, false);
        sync.write(out, Fixture.generation(0, "Task"), false);
        assertFalse(Files.exists(out.resolve("src/main/java/com/acme/extra")));
        assertTrue(Files.isDirectory(out.resolve("src/main/java/com/acme/model")));
    }

    @Test
    void forceReplacesEditedFilesKeepingOrigCopies() throws IOException {
        sync.write(out, Fixture.generation(0, "Task"), false);
        write(TASK, "// edited once\n");
        write(TASK + ".orig", "// an older .orig the user kept\n");
        write("src/main/resources/openapi.yaml", "# not ours\n");

        OutputResult result = sync.write(out, Fixture.generation(1, "Task"), true);

        assertEquals(List.of(TASK, "src/main/resources/openapi.yaml"), result.forceReplaced());
        assertEquals(Fixture.recordSource("Task", 1), read(TASK));
        assertEquals("// edited once\n", read(TASK + ".orig.1"), "an existing .orig is never overwritten");
        assertEquals("// an older .orig the user kept\n", read(TASK + ".orig"));
        assertEquals("# not ours\n", read("src/main/resources/openapi.yaml.orig"));
        assertEquals("# acme\n", read("README.md"));
        assertTrue(result.plan()
                .describe()
                .contains("replace (--force)      " + TASK + "  (previous content kept in " + TASK + ".orig.1)"));
        OutputPlan after = sync.plan(out, Fixture.generation(1, "Task"), true);
        assertFalse(after.writesAnything(), after.describe());
    }

    @Test
    void fileInstacrudDidNotWriteIsNeverOverwrittenWithoutForce() throws IOException {
        write(TASK, "// the user's own Task\n");
        OutputResult result = sync.write(out, Fixture.generation(0, "Task"), false);
        assertEquals(
                List.of(new PlannedChange(
                        TASK,
                        Action.KEEP_EDITED,
                        "not written by instacrud; --force replaces it and keeps a .orig copy")),
                result.reported());
        assertEquals("// the user's own Task\n", read(TASK));
        assertFalse(read(OutputSync.MANIFEST_PATH).contains(TASK), "not recorded, so never deleted later");
        sync.write(out, List.of(GeneratedFile.generated("other.txt", "x\n")), false);
        assertEquals("// the user's own Task\n", read(TASK));
    }

    @Test
    void dryRunWritesNothingAndDescribesEverything() throws IOException {
        sync.write(out, Fixture.generation(0, "Task", "Project"), false);
        write(TASK, "// edited\n");
        Map<String, String> before = Fixture.snapshot(out);

        OutputPlan plan = sync.plan(out, Fixture.generation(1, "Task", "User"), false);
        String text = plan.describe();

        assertEquals(before, Fixture.snapshot(out));
        // The same text is shown in docs/regeneration.md ("Dry run").
        assertEquals("""
                create                 src/main/java/com/acme/hooks/UserHooks.java
                delete                 src/main/java/com/acme/model/Project.java  (no longer generated)
                keep (edited)          src/main/java/com/acme/model/Task.java  (edited since it was generated; \
                --force replaces it and keeps a .orig copy)
                create                 src/main/java/com/acme/model/User.java
                delete                 src/main/java/com/acme/repo/ProjectRepository.java  (no longer generated)
                create                 src/main/java/com/acme/repo/UserRepository.java
                delete                 src/main/java/com/acme/routes/ProjectRoutes.java  (no longer generated)
                create                 src/main/java/com/acme/routes/UserRoutes.java
                update                 src/main/resources/openapi.yaml
                record                 .instacrud/manifest
                4 create, 1 update, 2 unchanged, 3 delete, 1 keep (edited), 2 user-owned
                """, text);
        List<String> lines = text.lines().toList();
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("user-owned")), "nothing happens to them");
        assertTrue(lines.contains("create                 src/main/java/com/acme/model/User.java"), text);
        assertTrue(
                lines.contains("keep (edited)          src/main/java/com/acme/model/Task.java  (edited since it was"
                        + " generated; --force replaces it and keeps a .orig copy)"),
                text);
        assertTrue(
                lines.contains(
                        "delete                 src/main/java/com/acme/model/Project.java" + "  (no longer generated)"),
                text);
        assertTrue(
                lines.contains("delete                 src/main/java/com/acme/repo/ProjectRepository.java"
                        + "  (no longer generated)"),
                text);
        assertTrue(lines.contains("update                 src/main/resources/openapi.yaml"), text);
        assertTrue(lines.contains("record                 .instacrud/manifest"), text);
        assertFalse(text.contains("Hooks.java  "), "hooks are user-owned: never deleted, never listed as kept");
        assertTrue(lines.contains("create                 src/main/java/com/acme/hooks/UserHooks.java"), text);
        List<String> paths = lines.subList(0, lines.size() - 2).stream()
                .map(l -> l.substring(23).split("  ")[0])
                .toList();
        assertEquals(paths.stream().sorted().toList(), paths, "sorted by path");
        assertEquals(
                text,
                sync.plan(out, Fixture.generation(1, "Task", "User"), false).describe());
    }

    @Test
    void identicalRegenerationWritesNothing() throws IOException {
        sync.write(out, Fixture.generation(0, "Task", "User"), false);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
        Map<String, String> before = Fixture.snapshot(out);

        OutputResult result = sync.write(out, Fixture.generation(0, "Task", "User"), false);

        assertFalse(result.wroteAnything());
        assertEquals(7, result.unchanged().size());
        assertEquals(before, Fixture.snapshot(out));
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.toList()) {
                assertEquals(old, Files.getLastModifiedTime(p), "modification time of " + p);
            }
        }
    }

    @Test
    void manifestIsSortedDeterministicAndRecordsTheVersion() throws IOException {
        List<GeneratedFile> files = new ArrayList<>(Fixture.generation(0, "Zed", "Alpha"));
        Collections.reverse(files);
        sync.write(out, files, false);
        String manifest = read(OutputSync.MANIFEST_PATH);
        List<String> lines = manifest.lines().toList();
        assertEquals("# instacrud manifest 1", lines.get(0));
        assertEquals("generator 0.1.0", lines.get(1));
        List<String> paths = lines.subList(2, lines.size()).stream()
                .map(l -> l.substring(66))
                .toList();
        assertEquals(paths.stream().sorted().toList(), paths);
        assertEquals(7, paths.size(), "generated files only: user-owned ones are not tracked");
        assertTrue(lines.contains(
                Manifest.sha256(read(Fixture.PKG + "model/Alpha.java").getBytes(StandardCharsets.UTF_8)) + "  "
                        + Fixture.PKG + "model/Alpha.java"));

        Path other = out.resolveSibling(out.getFileName() + "-other");
        sync.write(other, Fixture.generation(0, "Zed", "Alpha"), false);
        assertEquals(manifest, Files.readString(other.resolve(OutputSync.MANIFEST_PATH)));

        OutputResult bump = new OutputSync("0.2.0").write(out, files, false);
        assertTrue(bump.wroteAnything());
        assertTrue(read(OutputSync.MANIFEST_PATH).contains("generator 0.2.0\n"));
    }

    @Test
    void filesAlreadyHoldingTheGeneratedBytesAreAdopted() throws IOException {
        write(TASK, Fixture.recordSource("Task", 0));
        OutputResult result = sync.write(out, Fixture.generation(0, "Task"), false);
        assertTrue(result.unchanged().contains(TASK));
        assertTrue(read(OutputSync.MANIFEST_PATH).contains(TASK));
    }

    @Test
    void aPlanIsRefusedWhenTheDiskChangedSinceIt() throws IOException {
        sync.write(out, Fixture.generation(0, "Task"), false);
        OutputPlan plan = sync.plan(out, Fixture.generation(1, "Task"), false);
        write(TASK, "// edited after planning\n");
        Map<String, String> before = Fixture.snapshot(out);
        OutputException e =
                org.junit.jupiter.api.Assertions.assertThrows(OutputException.class, () -> sync.apply(plan));
        assertEquals(TASK + " changed since the plan was made; plan again", e.getMessage());
        assertTrue(e.previousOutputIntact());
        assertEquals(before, Fixture.snapshot(out));
    }

    private String read(String path) throws IOException {
        return Files.readString(out.resolve(path));
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(out.resolve(path).getParent());
        Files.writeString(out.resolve(path), content);
    }
}
