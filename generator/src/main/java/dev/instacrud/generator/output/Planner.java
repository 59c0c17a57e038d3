package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Compares the desired files with the disk and the manifest, and classifies every path. Reads, never writes. */
final class Planner {

    /** The disk hash of a folder (or anything but a file) where a file goes: it matches nothing, so it is kept. */
    private static final String NOT_A_FILE = "not-a-regular-file";

    private final String generatorVersion;

    Planner(String generatorVersion) {
        this.generatorVersion = generatorVersion;
    }

    OutputPlan plan(Path outDir, List<GeneratedFile> files, boolean force) throws IOException {
        SortedMap<String, GeneratedFile> desired = Desired.byPath(files);
        Manifest old = Manifest.read(outDir);
        DiskView disk = new DiskView(outDir);
        SortedMap<String, String> recorded = new TreeMap<>();
        List<OutputPlan.Step> steps = new ArrayList<>();

        List<GeneratedFile> ordered = List.copyOf(desired.values());
        // Every file's bytes and SHA-256 first, on every core (a parallel stream, each file into its own slot): the
        // hashes are most of a plan's time, more so under the CLI's C1, which has no SHA-256 intrinsic.
        byte[][] contents = new byte[ordered.size()][];
        String[] hashes = new String[ordered.size()];
        IntStream.range(0, ordered.size()).parallel().forEach(i -> {
            contents[i] = ordered.get(i).bytes();
            if (ordered.get(i).ownership() == Ownership.GENERATED) {
                hashes[i] = Manifest.sha256(contents[i]);
            }
        });
        for (int i = 0; i < ordered.size(); i++) {
            GeneratedFile file = ordered.get(i);
            String path = file.relativePath();
            RelativePaths.requireNoLinks(disk, outDir, path);
            Path target = RelativePaths.resolve(outDir, path);
            byte[] content = contents[i];
            boolean generated = file.ownership() == Ownership.GENERATED;
            String newHash = hashes[i];
            DiskView.Kind kind = disk.kind(target);

            if (kind == DiskView.Kind.MISSING) {
                steps.add(step(path, Action.CREATE, "", content, null, null));
                if (generated) {
                    recorded.put(path, newHash);
                }
                continue;
            }
            if (!generated) {
                // never written, so what it holds does not matter
                steps.add(step(path, Action.USER_OWNED_EXISTS, "", null, null, null));
                continue;
            }
            byte[] onDisk = kind == DiskView.Kind.FILE ? Files.readAllBytes(target) : null;
            if (Arrays.equals(onDisk, content)) {
                // Already the desired bytes, even if another tool put them there: adopting them loses nothing.
                // Compared byte for byte, the common case of a regeneration costs no second hash.
                steps.add(step(path, Action.UNCHANGED, "", null, newHash, null));
                recorded.put(path, newHash);
                continue;
            }
            String diskHash = onDisk == null ? NOT_A_FILE : Manifest.sha256(onDisk);
            String oldHash = old.hashes().get(path);
            if (diskHash.equals(oldHash)) {
                steps.add(step(path, Action.UPDATE, "", content, diskHash, null));
                recorded.put(path, newHash);
            } else if (force && kind == DiskView.Kind.FILE) {
                String orig = freeOrigPath(disk, outDir, path, desired);
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
            RelativePaths.requireNoLinks(disk, outDir, path);
            String diskHash = hashOf(disk, RelativePaths.resolve(outDir, path));
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
        boolean manifestChanged = !Arrays.equals(manifestBytes, currentManifest(disk, outDir));
        boolean leftover = disk.kind(outDir.resolve(Transaction.STAGING)) != DiskView.Kind.MISSING;
        return new OutputPlan(outDir, force, steps, manifestBytes, manifestChanged, leftover);
    }

    private static OutputPlan.Step step(
            String path, Action action, String note, byte[] content, String expectedDiskHash, String origPath) {
        return new OutputPlan.Step(new PlannedChange(path, action, note), content, expectedDiskHash, origPath);
    }

    /** The SHA-256 of the regular file at {@code file}, null when nothing is there; anything else is refused. */
    static String hashOf(DiskView disk, Path file) throws IOException {
        DiskView.Kind kind = disk.kind(file);
        if (kind == DiskView.Kind.MISSING) {
            return null;
        }
        return kind == DiskView.Kind.FILE ? Manifest.sha256(Files.readAllBytes(file)) : NOT_A_FILE;
    }

    /** {@code X.orig}, or {@code X.orig.1}, {@code X.orig.2}... so an earlier copy is never overwritten. */
    private static String freeOrigPath(DiskView disk, Path outDir, String path, Map<String, GeneratedFile> desired)
            throws IOException {
        String candidate = path + ".orig";
        for (int i = 1;
                desired.containsKey(candidate)
                        || disk.kind(RelativePaths.resolve(outDir, candidate)) != DiskView.Kind.MISSING;
                i++) {
            candidate = path + ".orig." + i;
        }
        return candidate;
    }

    private static byte[] currentManifest(DiskView disk, Path outDir) throws IOException {
        Path file = outDir.resolve(Manifest.PATH);
        return disk.kind(file) == DiskView.Kind.FILE ? Files.readAllBytes(file) : null;
    }
}
