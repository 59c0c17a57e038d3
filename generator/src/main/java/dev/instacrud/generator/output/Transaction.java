package dev.instacrud.generator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Carries out a plan all or nothing.
 *
 * <p>Phase 1 writes every new file into {@code .instacrud/staging} (same file system, so moves are renames).
 * Phase 2 swaps them in: each replaced or deleted file is first moved to {@code staging/backup}, then the staged
 * file is moved into place; the manifest goes last. Every step is journaled; if any step of phase 1 or 2 fails,
 * the journal undoes them all, newest first, and the folder is exactly as before. Phase 3 drops the backups.
 *
 * <p>The staged manifest doubles as a commit marker: while {@code staging/manifest} and backups exist, a swap was
 * interrupted (a killed process), and the next apply refuses to run until the user has looked at the backups.
 */
final class Transaction {

    static final String STAGING = RelativePaths.RESERVED_DIR + "/staging";

    private final FileOps ops;

    Transaction(FileOps ops) {
        this.ops = ops;
    }

    /** Applies the plan; returns a warning when the committed output left litter behind, else an empty string. */
    String apply(OutputPlan plan) throws IOException {
        Path outDir = plan.outDir();
        Path staging = outDir.resolve(STAGING);
        Path backups = staging.resolve("backup");
        Path stagedManifest = staging.resolve("manifest");

        verifyUnchangedSincePlan(plan);
        clearLeftoverStaging(staging, backups, stagedManifest);

        Journal journal = new Journal(ops);
        try {
            journal.createDirectories(staging);
            journal.createDirectories(backups);

            List<OutputPlan.Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).content() != null) {
                    journal.write(
                            staging.resolve(Integer.toString(i)), steps.get(i).content());
                }
            }
            journal.write(stagedManifest, plan.manifestBytes());

            TreeSet<Path> emptied = new TreeSet<>(
                    Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Comparator.naturalOrder()));
            for (int i = 0; i < steps.size(); i++) {
                OutputPlan.Step step = steps.get(i);
                Path target = RelativePaths.resolve(outDir, step.change().path());
                Path staged = staging.resolve(Integer.toString(i));
                Path backup = backups.resolve(Integer.toString(i));
                switch (step.change().action()) {
                    case CREATE -> {
                        journal.createDirectories(target.getParent());
                        journal.move(staged, target);
                    }
                    case UPDATE -> {
                        journal.move(target, backup);
                        journal.move(staged, target);
                    }
                    case FORCE_REPLACE -> {
                        journal.move(target, backup);
                        journal.copy(backup, RelativePaths.resolve(outDir, step.origPath()));
                        journal.move(staged, target);
                    }
                    case DELETE -> {
                        journal.move(target, backup);
                        for (Path p = target.getParent(); !p.equals(outDir); p = p.getParent()) {
                            emptied.add(p);
                        }
                    }
                    default -> {
                        // UNCHANGED, KEEP_*, USER_OWNED_EXISTS: left alone by definition.
                    }
                }
            }
            for (Path dir : emptied) {
                if (isEmptyDirectory(dir)) {
                    journal.deleteEmptyDirectory(dir);
                }
            }
            Path manifest = outDir.resolve(Manifest.PATH);
            if (Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) {
                journal.move(manifest, backups.resolve("manifest"));
            }
            journal.move(stagedManifest, manifest);
        } catch (IOException | RuntimeException e) {
            List<IOException> failures = journal.rollback();
            if (!failures.isEmpty()) {
                OutputException broken = new OutputException(
                        "writing " + outDir + " failed (" + e
                                + ") and restoring the previous output failed too; the replaced files are kept in "
                                + backups,
                        e,
                        false);
                failures.forEach(broken::addSuppressed);
                throw broken;
            }
            throw new OutputException("writing " + outDir + " failed, previous output restored: " + e, e, true);
        }
        // Committed: what remains are backups; failing to drop them leaves litter, not a wrong output, and the
        // next apply clears it (the staged manifest, our commit marker, is gone).
        try {
            deleteTree(staging);
            return "";
        } catch (IOException | RuntimeException e) {
            return "output written, but the staging folder " + staging + " could not be removed (" + e
                    + "); the next generation removes it";
        }
    }

    /** Refuses to act on a plan the disk no longer matches (someone wrote in between). */
    private static void verifyUnchangedSincePlan(OutputPlan plan) throws IOException {
        DiskView disk = new DiskView(plan.outDir());
        for (OutputPlan.Step step : plan.steps()) {
            if (!step.change().action().writes()) {
                continue;
            }
            String now = Planner.hashOf(
                    disk, RelativePaths.resolve(plan.outDir(), step.change().path()));
            boolean same = step.expectedDiskHash() == null
                    ? now == null
                    : step.expectedDiskHash().equals(now);
            if (!same) {
                throw new OutputException(step.change().path() + " changed since the plan was made; plan again");
            }
            if (step.origPath() != null
                    && disk.kind(RelativePaths.resolve(plan.outDir(), step.origPath())) != DiskView.Kind.MISSING) {
                throw new OutputException(step.origPath() + " appeared since the plan was made; plan again");
            }
        }
    }

    private void clearLeftoverStaging(Path staging, Path backups, Path stagedManifest) throws IOException {
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(stagedManifest, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(backups)) {
            throw new OutputException("an earlier generation was interrupted while swapping files into place; "
                    + "the files it replaced are in " + backups + ": restore what you need, delete " + staging
                    + ", and generate again");
        }
        deleteTree(staging);
    }

    private void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        paths.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path p : paths) {
            ops.delete(p);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
