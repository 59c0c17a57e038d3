package dev.instacrud.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicApplyTest {

    @TempDir
    Path tmp;

    /** Counts every file operation and throws at the chosen one, once. */
    static class FaultAt implements FileOps {
        private final int failAt;
        final List<String> log = new ArrayList<>();

        FaultAt(int failAt) {
            this.failAt = failAt;
        }

        private void step(String what, Path path) throws IOException {
            log.add(what + " " + path.getFileName());
            if (log.size() == failAt) {
                throw new IOException("injected fault at step " + failAt + ": " + what + " " + path);
            }
        }

        @Override
        public void createDirectory(Path dir) throws IOException {
            step("mkdir", dir);
            NIO.createDirectory(dir);
        }

        @Override
        public void write(Path file, byte[] bytes) throws IOException {
            step("write", file);
            NIO.write(file, bytes);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            step("move", from);
            NIO.move(from, to);
        }

        @Override
        public void copy(Path from, Path to) throws IOException {
            step("copy", from);
            NIO.copy(from, to);
        }

        @Override
        public void delete(Path path) throws IOException {
            step("delete", path);
            NIO.delete(path);
        }
    }

    /**
     * A previous generation of three entities with one generated file edited and one edited orphan-to-be, then a
     * regeneration under --force that creates, updates, replaces (with .orig), deletes (emptying a folder) and
     * rewrites the manifest: every kind of step. A fault at each step in turn must leave the folder byte for byte
     * as it was, and a clean apply afterwards must give exactly what a fault-free run gives.
     */
    @Test
    void aFaultAtAnyStepLeavesThePreviousOutputExactlyAsItWas() throws IOException {
        Path baseline = tmp.resolve("baseline");
        new OutputSync("0.1.0").write(baseline, withExtra(Fixture.generation(0, "Task", "Project", "User")), false);
        Files.writeString(baseline.resolve(Fixture.PKG + "model/Task.java"), "// edited by hand\n");
        Files.writeString(baseline.resolve(Fixture.PKG + "routes/ProjectRoutes.java"), "// edited orphan\n");
        Map<String, String> before = Fixture.snapshot(baseline);
        List<GeneratedFile> next = Fixture.generation(1, "Task", "User", "Label");

        Path reference = tmp.resolve("reference");
        Fixture.copyTree(baseline, reference);
        FaultAt counter = new FaultAt(0);
        OutputResult clean = new OutputSync("0.2.0", counter).write(reference, next, true);
        Map<String, String> after = Fixture.snapshot(reference);
        assertFalse(clean.created().isEmpty());
        assertFalse(clean.updated().isEmpty());
        assertFalse(clean.deleted().isEmpty());
        assertEquals(List.of(Fixture.PKG + "model/Task.java"), clean.forceReplaced());
        assertFalse(after.containsKey("src/main/java/com/acme/extra/"), "emptied folder removed");
        int steps = counter.log.size();
        assertTrue(steps > 30, "a realistic apply has many steps: " + counter.log);
        // The last "move manifest" puts the new manifest in place: the commit. Later steps only clear staging.
        int commitMarker = counter.log.lastIndexOf("move manifest") + 1;
        assertTrue(commitMarker > 0 && commitMarker < steps, counter.log.toString());

        for (int n = 1; n <= steps; n++) {
            Path work = tmp.resolve("run" + n);
            Fixture.copyTree(baseline, work);
            OutputSync faulty = new OutputSync("0.2.0", new FaultAt(n));
            OutputPlan plan = faulty.plan(work, next, true);
            if (n <= commitMarker) {
                int step = n;
                OutputException e = assertThrows(
                        OutputException.class,
                        () -> faulty.apply(plan),
                        () -> "step " + step + " (" + counter.log.get(step - 1) + ")");
                assertTrue(e.previousOutputIntact(), e.getMessage());
                assertTrue(e.getMessage().contains("injected fault at step " + n), e.getMessage());
                assertEquals(
                        before,
                        Fixture.snapshot(work),
                        "after a fault at step " + n + " (" + counter.log.get(n - 1) + ")");
                // ...and the folder is fit for the next, successful run.
                new OutputSync("0.2.0").write(work, next, true);
                assertEquals(after, Fixture.snapshot(work), "retry after a fault at step " + n);
            } else {
                // Past the commit only the staging folder is being removed: the output is complete.
                OutputResult result = faulty.apply(plan);
                assertTrue(result.warning().contains("could not be removed"), result.warning());
                assertEquals(after, withoutStaging(Fixture.snapshot(work)), "fault after commit, step " + n);
                new OutputSync("0.2.0").write(work, next, true);
                assertEquals(after, Fixture.snapshot(work), "the next run clears the litter");
            }
            Fixture.deleteTree(work);
        }
    }

    @Test
    void aFreshOutputFolderIsRemovedAgainWhenTheFirstGenerationFails() throws IOException {
        Path out = tmp.resolve("deep/fresh/out");
        OutputSync faulty = new OutputSync("0.1.0", new FaultAt(9));
        assertThrows(OutputException.class, () -> faulty.write(out, Fixture.generation(0, "Task"), false));
        assertEquals(Map.of(), Fixture.snapshot(tmp));
    }

    @Test
    void aRealFailureMidwayIsRolledBackToo() throws IOException {
        Path out = tmp.resolve("out");
        new OutputSync("0.1.0").write(out, Fixture.generation(0, "Task"), false);
        // A plain file where the new entity's folder must go: creating the folder fails after other files moved.
        Files.writeString(out.resolve("src/main/java/com/acme/zoo"), "in the way\n");
        List<GeneratedFile> next = new ArrayList<>(Fixture.generation(1, "Task", "User"));
        next.add(GeneratedFile.generated("src/main/java/com/acme/zoo/Zoo.java", "class Zoo {}\n"));
        Map<String, String> before = Fixture.snapshot(out);

        OutputException e = assertThrows(OutputException.class, () -> new OutputSync("0.2.0").write(out, next, false));

        assertTrue(e.previousOutputIntact());
        assertTrue(
                e.getMessage().startsWith("writing " + out.toAbsolutePath() + " failed, previous output restored"),
                e.getMessage());
        assertEquals(before, Fixture.snapshot(out));
    }

    @Test
    void aSecondWriterToTheSameFolderIsRefusedWhileTheFirstIsWriting() throws Exception {
        Path out = tmp.resolve("out");
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch secondWasRefused = new CountDownLatch(1);
        FileOps paused = new FaultAt(0) {
            @Override
            public void write(Path file, byte[] bytes) throws IOException {
                firstIsWriting.countDown();
                try {
                    secondWasRefused.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                super.write(file, bytes);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<OutputResult> first =
                    pool.submit(() -> new OutputSync("0.1.0", paused).write(out, Fixture.generation(0, "Task"), false));
            firstIsWriting.await();
            OutputSync second = new OutputSync("0.1.0");
            OutputException e =
                    assertThrows(OutputException.class, () -> second.write(out, Fixture.generation(0, "User"), false));
            assertEquals("another generation is writing to " + out.toAbsolutePath() + " right now", e.getMessage());
            secondWasRefused.countDown();
            assertEquals(6, first.get().created().size());
            assertTrue(second.check(out, Fixture.generation(0, "Task")).isClean());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedSwapIsRefusedUntilTheUserHasLooked() throws IOException {
        Path out = tmp.resolve("out");
        new OutputSync("0.1.0").write(out, Fixture.generation(0, "Task"), false);
        // What a killed process leaves mid-swap: the staged manifest and a backup.
        Path staging = out.resolve(".instacrud/staging");
        Files.createDirectories(staging.resolve("backup"));
        Files.writeString(staging.resolve("manifest"), "staged\n");
        Files.writeString(staging.resolve("backup/3"), "an old file\n");
        OutputSync sync = new OutputSync("0.1.0");
        OutputPlan plan = sync.plan(out, Fixture.generation(1, "Task"), false);
        OutputException e = assertThrows(OutputException.class, () -> sync.apply(plan));
        assertTrue(
                e.getMessage().startsWith("an earlier generation was interrupted while swapping files"),
                e.getMessage());
        assertTrue(Files.exists(staging.resolve("backup/3")));

        // A leftover without a staged manifest (killed while staging, or after the commit) is just cleared.
        Files.delete(staging.resolve("manifest"));
        sync.apply(plan);
        assertFalse(Files.exists(staging));
    }

    private static List<GeneratedFile> withExtra(List<GeneratedFile> files) {
        List<GeneratedFile> all = new ArrayList<>(files);
        all.add(GeneratedFile.generated("src/main/java/com/acme/extra/Extra.java", "class Extra {}\n"));
        return all;
    }

    private static Map<String, String> withoutStaging(Map<String, String> snapshot) {
        Map<String, String> copy = new TreeMap<>(snapshot);
        copy.keySet().removeIf(p -> p.startsWith(".instacrud/staging"));
        return copy;
    }
}
