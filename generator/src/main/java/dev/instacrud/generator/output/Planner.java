package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Compares the desired files with the disk and the manifest, and classifies every path. Reads, never writes. */
final class Planner {

    private final String generatorVersion;

    Planner(String generatorVersion) {
        this.generatorVersion = generatorVersion;
    }

    OutputPlan plan(Path outDir, List<GeneratedFile> files, boolean force) throws IOException {
        SortedMap<String, GeneratedFile> desired = Desired.byPath(files);
        Manifest old = Manifest.read(outDir);
        SortedMap<String, String> recorded = new TreeMap<>();
        List<OutputPlan.Step> steps = new ArrayList<>();

        for (GeneratedFile file : desired.values()) {
            String path = file.relativePath();
            RelativePaths.requireNoLinks(outDir, path);
            Path target = RelativePaths.resolve(outDir, path);
            byte[] content = file.bytes();
            String newHash = Manifest.sha256(content);
            String diskHash = hashOf(target);
            String oldHash = old.hashes().get(path);
            boolean generated = file.ownership() == Ownership.GENERATED;

            if (diskHash == null) {
                steps.add(step(path, Action.CREATE, "", content, null, null));
                if (generated) {
                    recorded.put(path, newHash);
                }
            } else if (!generated) {
                steps.add(step(path, Action.USER_OWNED_EXISTS, "", null, diskHash, null));
            } else if (diskHash.equals(newHash)) {
                // Already the desired bytes, even if another tool put them there: adopting them loses nothing.
                steps.add(step(path, Action.UNCHANGED, "", null, diskHash, null));
                recorded.put(path, newHash);
            } else if (diskHash.equals(oldHash)) {
                steps.add(step(path, Action.UPDATE, "", content, diskHash, null));
                recorded.put(path, newHash);
            } else if (force && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                String orig = freeOrigPath(outDir, path, desired);
                steps.add(
                        step(path, Action.FORCE_REPLACE, "previous content kept in " + orig, content, diskHash, orig));
                recorded.put(path, newHash);
            } else {
                String why = oldHash == null ? "not written by instacrud" : "edited since it was generated";
                if (!force) {
                    why += "; --force replaces it and keeps a .orig copy";
                }
                steps.add(step(path, Action.KEEP_EDITED, why, null, diskHash, null));
                if (oldHash != null) {
                    // Still ours: if the user later reverts the edit, the next generation updates it again.
                    recorded.put(path, oldHash);
                }
            }
        }

        for (Map.Entry<String, String> entry : old.hashes().entrySet()) {
            String path = entry.getKey();
            if (desired.containsKey(path)) {
                continue;
            }
            RelativePaths.requireNoLinks(outDir, path);
            String diskHash = hashOf(RelativePaths.resolve(outDir, path));
            if (diskHash == null) {
                continue; // already gone: simply forgotten
            }
            if (diskHash.equals(entry.getValue())) {
                steps.add(step(path, Action.DELETE, "no longer generated", null, diskHash, null));
            } else {
                steps.add(step(
                        path,
                        Action.KEEP_ORPHAN_EDITED,
                        "no longer generated, but edited since",
                        null,
                        diskHash,
                        null));
                // Kept in the manifest so it is reported again, and deleted if the edit is ever reverted.
                recorded.put(path, entry.getValue());
            }
        }

        steps.sort((a, b) -> a.change().path().compareTo(b.change().path()));
        Manifest next = new Manifest(generatorVersion, recorded);
        byte[] manifestBytes = next.bytes();
        boolean manifestChanged = !Arrays.equals(manifestBytes, currentManifest(outDir));
        boolean leftover = Files.exists(outDir.resolve(Transaction.STAGING), LinkOption.NOFOLLOW_LINKS);
        return new OutputPlan(outDir, force, steps, manifestBytes, manifestChanged, leftover);
    }

    private static OutputPlan.Step step(
            String path, Action action, String note, byte[] content, String expectedDiskHash, String origPath) {
        return new OutputPlan.Step(new PlannedChange(path, action, note), content, expectedDiskHash, origPath);
    }

    /** The SHA-256 of the regular file at {@code file}, null when nothing is there; anything else is refused. */
    static String hashOf(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // A folder where a file goes: its content hash can match nothing, so it is always kept and reported.
            return "not-a-regular-file";
        }
        return Manifest.sha256(Files.readAllBytes(file));
    }

    /** {@code X.orig}, or {@code X.orig.1}, {@code X.orig.2}... so an earlier copy is never overwritten. */
    private static String freeOrigPath(Path outDir, String path, Map<String, GeneratedFile> desired) {
        String candidate = path + ".orig";
        for (int i = 1;
                desired.containsKey(candidate)
                        || Files.exists(RelativePaths.resolve(outDir, candidate), LinkOption.NOFOLLOW_LINKS);
                i++) {
            candidate = path + ".orig." + i;
        }
        return candidate;
    }

    private static byte[] currentManifest(Path outDir) throws IOException {
        Path file = outDir.resolve(Manifest.PATH);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }
}
