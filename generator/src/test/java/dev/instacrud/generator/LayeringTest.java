package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layers stay apart: the model is plain Java, the reader knows no rules, the rules build no model. */
class LayeringTest {

    private static final Path SRC = Path.of("src/main/java/dev/instacrud/generator");

    private static void noImports(String pkg, List<String> forbidden) throws IOException {
        try (Stream<Path> files = Files.list(SRC.resolve(pkg))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    for (String bad : forbidden) {
                        assertTrue(!line.startsWith("import " + bad), f + " imports " + bad);
                    }
                }
            }
        }
    }

    @Test
    void modelIsPlainJava() throws IOException {
        noImports(
                "model",
                List.of(
                        "com.fasterxml",
                        "com.palantir",
                        "freemarker",
                        "dev.instacrud.generator.spec",
                        "dev.instacrud.generator.check"));
    }

    @Test
    void readerDoesNotKnowTheRules() throws IOException {
        noImports("spec", List.of("dev.instacrud.generator.check", "com.palantir", "freemarker"));
    }

    @Test
    void rulesReadTheTreeNotJackson() throws IOException {
        noImports("check", List.of("com.fasterxml", "com.palantir", "freemarker"));
    }
}
