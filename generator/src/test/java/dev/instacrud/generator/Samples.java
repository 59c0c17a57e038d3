package dev.instacrud.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's sample specs, read from the module's parent folder. */
final class Samples {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("samples");

    private Samples() {}

    static List<Path> valid() {
        return list(DIR);
    }

    static List<Path> invalid() {
        return list(DIR.resolve("invalid"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name the CLI shows when run from the repository root. */
    static String displayName(Path p) {
        return ROOT.relativize(p).toString().replace('\\', '/');
    }
}
