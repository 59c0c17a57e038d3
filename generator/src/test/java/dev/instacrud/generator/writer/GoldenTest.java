package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.output.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The full output for {@code samples/tasks.yaml} is kept under {@code src/test/resources/golden/tasks/}, so a
 * change to any emitted line shows in review. Run with {@code -Dgolden.update=true} to rewrite the goldens
 * after an intended change.
 */
class GoldenTest {
    private static final Path GOLDEN = Generated.MODULE.resolve("src/test/resources/golden/tasks");

    @Test
    void tasksOutputMatchesTheGoldenFilesByteForByte() throws IOException {
        List<GeneratedFile> files = Generated.sample("tasks").files;
        if (Boolean.getBoolean("golden.update")) {
            rewrite(files);
        }
        List<String> mismatches = new ArrayList<>();
        for (GeneratedFile file : files) {
            Path golden = GOLDEN.resolve(file.relativePath());
            if (!Files.exists(golden)) {
                mismatches.add(file.relativePath() + ": no golden file");
            } else if (!java.util.Arrays.equals(
                    Files.readAllBytes(golden), file.content().getBytes(StandardCharsets.UTF_8))) {
                mismatches.add(file.relativePath() + ": differs from its golden file");
            }
        }
        Set<String> generated = files.stream().map(GeneratedFile::relativePath).collect(Collectors.toSet());
        for (String golden : goldenFiles()) {
            if (!generated.contains(golden)) {
                mismatches.add(golden + ": golden file the generator no longer writes");
            }
        }
        assertTrue(
                mismatches.isEmpty(),
                () -> String.join("\n", mismatches)
                        + "\nIf the change is intended: ./mvnw -B -q -pl generator -am verify -Dtest=GoldenTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true, and review the diff.");
        assertEquals(files.size(), goldenFiles().size());
    }

    private static void rewrite(List<GeneratedFile> files) throws IOException {
        for (String stale : goldenFiles()) {
            Files.delete(GOLDEN.resolve(stale));
        }
        for (GeneratedFile file : files) {
            Path golden = GOLDEN.resolve(file.relativePath());
            Files.createDirectories(golden.getParent());
            Files.write(golden, file.content().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Set<String> goldenFiles() throws IOException {
        if (!Files.isDirectory(GOLDEN)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> GOLDEN.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
