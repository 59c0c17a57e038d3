package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives {@code package} builds ({@code target/instacrud-VERSION.tar.gz} and {@code .zip}),
 * unpacked with the system's {@code tar} and {@code unzip} into a temporary folder and used as a user would:
 * through a link on the {@code PATH}, from a folder that has nothing of this repository, to validate a spec and
 * generate its sources.
 */
class ReleaseArchiveIT {
    private static final String VERSION = System.getProperty("instacrud.version");

    @TempDir
    Path temp;

    private record Result(int code, String output) {}

    private Result run(Path workDir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString())
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void theUnpackedArchiveValidatesAndGeneratesFromAnyFolder() throws Exception {
        Path tarball = Path.of("target", "instacrud-" + VERSION + ".tar.gz").toAbsolutePath();
        Path zip = Path.of("target", "instacrud-" + VERSION + ".zip").toAbsolutePath();
        assertTrue(Files.isRegularFile(tarball), tarball + " was built by package");
        assertTrue(Files.isRegularFile(zip), zip + " was built by package");

        Map<String, String> plain = Map.of("PATH", "/usr/bin:/bin", "HOME", temp.toString());
        Path fromTar = Files.createDirectories(temp.resolve("tar"));
        Path fromZip = Files.createDirectories(temp.resolve("zip"));
        assertEquals(0, run(fromTar, plain, "tar", "xzf", tarball.toString()).code());
        assertEquals(0, run(fromZip, plain, "unzip", "-q", zip.toString()).code());
        Path home = fromTar.resolve("instacrud-" + VERSION);
        List<String> files = tree(home);
        assertEquals(files, tree(fromZip.resolve("instacrud-" + VERSION)), "both archives hold the same files");
        assertTrue(files.contains("bin/instacrud") && files.contains("bin/instacrud.cmd"), files.toString());
        assertTrue(files.contains("lib/instacrud-cli-" + VERSION + ".jar"), files.toString());
        assertTrue(files.contains("lib/instacrud-runtime-" + VERSION + ".jar"), files.toString());
        assertTrue(files.contains("lib/instacrud-generator-" + VERSION + ".jar"), files.toString());
        assertTrue(Files.getPosixFilePermissions(home.resolve("bin/instacrud"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(
                Files.getPosixFilePermissions(fromZip.resolve("instacrud-" + VERSION + "/bin/instacrud"))
                        .contains(PosixFilePermission.OWNER_EXECUTE),
                "the zip keeps the launcher executable");

        // on the PATH through a link, as users install it; used from a folder of their own
        Path bin = Files.createDirectories(temp.resolve("path"));
        Files.createSymbolicLink(bin.resolve("instacrud"), home.resolve("bin/instacrud"));
        Path work = Files.createDirectories(temp.resolve("my-service"));
        Files.copy(Path.of("..", "samples", "tasks.yaml"), work.resolve("instacrud.yaml"));
        Map<String, String> user = Map.of(
                "PATH", bin + ":/usr/bin:/bin",
                "HOME", temp.toString(),
                "JAVA_HOME", System.getProperty("java.home"));

        // through sh, so the command is found on the user's PATH, not on this JVM's
        Result version = run(work, user, "sh", "-c", "instacrud --version");
        assertEquals(0, version.code(), version.output());
        assertTrue(version.output().contains(VERSION), version.output());

        Result valid = run(work, user, "sh", "-c", "instacrud validate instacrud.yaml");
        assertEquals(0, valid.code(), valid.output());
        assertEquals("instacrud.yaml: valid (3 entities)\n", valid.output());

        Result generated = run(work, user, "sh", "-c", "instacrud generate instacrud.yaml --out src/generated/java");
        assertEquals(0, generated.code(), generated.output());
        TreeSet<String> sources = new TreeSet<>(tree(work.resolve("src/generated/java")));
        assertTrue(sources.contains("org/example/tasks/TaskRoutes.java"), sources.toString());
        assertTrue(sources.contains("org/example/tasks/openapi.json"), sources.toString());

        Result checked = run(work, user, "sh", "-c", "instacrud check instacrud.yaml --out src/generated/java");
        assertEquals(0, checked.code(), checked.output());

        Result invalid =
                run(work, user, "sh", "-c", "printf 'service: {}\\n' > bad.yaml && instacrud validate bad.yaml");
        assertEquals(1, invalid.code(), invalid.output());
        assertTrue(invalid.output().startsWith("bad.yaml:1:"), invalid.output());
    }
}
