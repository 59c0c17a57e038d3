package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * Finds drift: compares an output folder with the files the spec produces, without changing anything (what {@code
 * check} runs). Not to be confused with the spec's rules, {@code dev.instacrud.generator.check.Checker}.
 */
final class DriftCheck {

    private DriftCheck() {}

    static CheckReport run(Path outDir, List<GeneratedFile> files) throws IOException {
        SortedMap<String, GeneratedFile> desired = Desired.byPath(files);
        List<FileDiff> differing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> orphaned = new ArrayList<>();
        for (GeneratedFile file : desired.values()) {
            RelativePaths.requireNoLinks(outDir, file.relativePath());
            Path target = RelativePaths.resolve(outDir, file.relativePath());
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(file.relativePath());
            } else if (file.ownership() == Ownership.GENERATED) {
                if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    differing.add(new FileDiff(
                            file.relativePath(), "--- a/" + file.relativePath() + " is not a regular file\n"));
                    continue;
                }
                byte[] onDisk = Files.readAllBytes(target);
                if (!Arrays.equals(onDisk, file.bytes())) {
                    // Decoded leniently: a file with broken UTF-8 still gets a readable diff.
                    String before = new String(onDisk, StandardCharsets.UTF_8);
                    differing.add(new FileDiff(
                            file.relativePath(), UnifiedDiff.of(file.relativePath(), before, file.content())));
                }
            }
        }
        for (String path : Manifest.read(outDir).hashes().keySet()) {
            if (!desired.containsKey(path)) {
                RelativePaths.requireNoLinks(outDir, path);
                if (Files.exists(RelativePaths.resolve(outDir, path), LinkOption.NOFOLLOW_LINKS)) {
                    orphaned.add(path);
                }
            }
        }
        return new CheckReport(differing, missing, orphaned);
    }
}
