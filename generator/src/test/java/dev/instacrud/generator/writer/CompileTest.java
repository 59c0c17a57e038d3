package dev.instacrud.generator.writer;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated sources of every sample, of specs chosen to make generated names clash, and of a service without
 * the web admin, compile against the runtime with every lint enabled and warnings as errors.
 */
class CompileTest {

    static Stream<Path> specs() {
        return Stream.concat(
                Generated.samples().stream(),
                Stream.of(Generated.SPECS.resolve("clashes.yaml"), Generated.SPECS.resolve("no-admin.yaml")));
    }

    @Test
    void aSpecWithoutTheAdminTellsTheRuntime() {
        assertTrue(Generated.of(Generated.SPECS.resolve("no-admin.yaml"))
                .file("ApiOnlyApplication.java")
                .content()
                .contains(".withoutAdminUi()"));
        assertFalse(Generated.sample("clinic")
                .file("ClinicApplication.java")
                .content()
                .contains("withoutAdminUi"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void compilesWithoutAnyWarning(Path spec) {
        assertThat(Generated.of(spec).compilation()).succeededWithoutWarnings();
    }
}
