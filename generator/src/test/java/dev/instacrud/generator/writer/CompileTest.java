package dev.instacrud.generator.writer;

import static com.google.testing.compile.CompilationSubject.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated sources of every sample, and of specs chosen to make generated names clash, compile
 * against the runtime with every lint enabled and warnings as errors.
 */
class CompileTest {

    static Stream<Path> specs() {
        return Stream.concat(Generated.samples().stream(), Stream.of(Generated.SPECS.resolve("clashes.yaml")));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void compilesWithoutAnyWarning(Path spec) {
        assertThat(Generated.of(spec).compilation()).succeededWithoutWarnings();
    }
}
