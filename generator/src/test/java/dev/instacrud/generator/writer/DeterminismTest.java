package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.generator.output.Ownership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same spec always gives the same bytes: no timestamp, no absolute path, no iteration-order accident;
 * every Java file says where it came from and that it must not be edited.
 */
class DeterminismTest {
    private static final Pattern TOP_LEVEL_TYPE =
            Pattern.compile("(?m)^(?:public )?(?:final )?(?:record|class|interface|enum) (\\w+)");
    private static final String GENERATED = "@Generated(\"dev.instacrud.generator\")";
    private static final Pattern ANNOTATION =
            Pattern.compile("@(javax\\.annotation\\.processing\\.)?Generated\\(\"dev\\.instacrud\\.generator\"\\)\n$");

    static Stream<Path> specs() {
        return Stream.concat(Generated.samples().stream(), Stream.of(Generated.SPECS.resolve("clashes.yaml")));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void generatingTwiceGivesIdenticalBytes(Path spec, @TempDir Path elsewhere) throws IOException {
        List<GeneratedFile> first = Instacrud.sources(Generated.model(spec));
        List<GeneratedFile> second = Instacrud.sources(Generated.model(spec));
        assertEquals(first, second);
        // the spec's folder does not leak into the output: only its file name does
        Path copy = Files.copy(spec, elsewhere.resolve(spec.getFileName()));
        assertEquals(first, Instacrud.sources(Generated.model(copy)));
    }

    /**
     * The writers and the checker's rules run in parallel: the files (and their order) and the diagnostics (and their
     * order) are the same whether one thread does all of it or many share it. A parallel stream started inside a
     * fork-join pool runs in that pool, so the pool's size picks the number of threads.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void oneThreadAndManyThreadsGiveTheSameFilesAndDiagnostics(Path spec) throws Exception {
        String yaml = Files.readString(spec);
        // a broken copy: unknown keys, types and refs in every entity, so every rule has something to say
        String broken = yaml.replace("type: string", "type: strin")
                .replace("required: true", "requird: true")
                .replace("ref: ", "ref: X");
        for (String text : List.of(yaml, broken)) {
            Callable<List<Object>> run = () -> {
                SpecResult r = Instacrud.load("spec.yaml", text);
                List<Object> out = new ArrayList<>(r.diagnostics());
                r.model().ifPresent(m -> out.addAll(Instacrud.sources(m)));
                return out;
            };
            ForkJoinPool one = new ForkJoinPool(1);
            ForkJoinPool many = new ForkJoinPool(8);
            try {
                List<Object> sequential = one.submit(run).get();
                assertFalse(sequential.isEmpty());
                for (int i = 0; i < 3; i++) {
                    assertEquals(sequential, many.submit(run).get());
                }
            } finally {
                one.shutdown();
                many.shutdown();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void noTimestampAndEveryJavaFileSaysItIsGenerated(Path spec) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String specName = spec.getFileName().toString();
        for (GeneratedFile file : Generated.of(spec).files) {
            String text = file.content();
            assertFalse(text.contains(today), () -> file.relativePath() + " contains today's date");
            assertFalse(
                    text.contains(spec.getParent().toString()), () -> file.relativePath() + " names the spec's folder");
            if (!file.relativePath().endsWith(".java")) {
                continue;
            }
            if (file.ownership() == Ownership.USER_OWNED) {
                // the starting point of the user's own routes: theirs to edit, so it says so instead
                assertTrue(
                        text.startsWith("// Created by instacrud from " + specName + " as a starting point"),
                        () -> file.relativePath() + " lacks the starting-point header");
                assertFalse(text.contains("@Generated"), file.relativePath());
                continue;
            }
            assertTrue(
                    text.startsWith("// Generated by instacrud from " + specName + ", do not edit.\n"),
                    () -> file.relativePath() + " lacks the header: "
                            + text.lines().findFirst().orElse(""));
            Matcher type = TOP_LEVEL_TYPE.matcher(text);
            assertTrue(type.find(), () -> file.relativePath() + " has no top-level type");
            String fileName = file.relativePath().substring(file.relativePath().lastIndexOf('/') + 1);
            assertEquals(fileName, type.group(1) + ".java");
            // qualified when the type itself is named Generated
            Matcher annotation = ANNOTATION.matcher(text.substring(0, type.start()));
            assertTrue(
                    annotation.find(),
                    () -> file.relativePath() + ": the top-level type is not annotated " + GENERATED);
            assertTrue(
                    annotation.group(1) != null || text.contains("\nimport javax.annotation.processing.Generated;\n"),
                    () -> file.relativePath() + ": @Generated is not javax.annotation.processing.Generated");
            assertFalse(type.find(), () -> file.relativePath() + " has a second top-level type");
            assertFalse(text.contains("date ="), () -> file.relativePath() + " dates its @Generated");
        }
    }
}
