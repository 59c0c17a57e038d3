package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.app.RunningService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code instacrud run} keeps the compiled classes of a spec in its data folder: a restart with the same spec on the
 * same tool starts from them; a changed spec, a changed tool, or a damaged or unsafe file compiles again, so classes
 * made from anything else never run.
 */
class RunCacheTest {
    private static final Path TASKS = Path.of("..", "samples", "tasks.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    /** One {@code run} up to Listening, as the command line does it: its output, and the service's OpenAPI text. */
    private record Start(int code, String out, String err, String openApi) {
        boolean reused() {
            return out.contains("started (classes compiled earlier for this spec)");
        }

        boolean compiled() {
            return out.contains("generated, compiled and started");
        }
    }

    private Start run(Path spec, Path data) throws Exception {
        RunCommand command = new RunCommand();
        CommandLine commandLine = InstacrudCommand.configure(new CommandLine(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.parseArgs(spec.toString(), "--port", "0", "--data", data.toString());
        RunCommand.Started started = command.start();
        if (started.service() == null) {
            return new Start(started.exitCode(), out.toString(), err.toString(), null);
        }
        try (RunningService service = started.service()) {
            assertEquals(200, get(service, "/health").statusCode());
            HttpResponse<String> openApi = get(service, "/api/v1/openapi.json");
            assertEquals(200, openApi.statusCode());
            assertTrue(out.toString().contains("Listening on " + service.url()), out.toString());
            return new Start(started.exitCode(), out.toString(), err.toString(), openApi.body());
        }
    }

    private static HttpResponse<String> get(RunningService service, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRestartWithTheSameSpecReusesTheClassesAndAChangedSpecCompilesAgain() throws Exception {
        Path spec = temp.resolve("tasks.yaml");
        String text = Files.readString(TASKS);
        Files.writeString(spec, text);
        Path data = temp.resolve("data");

        Start first = run(spec, data);
        assertTrue(first.compiled(), first.out());
        assertTrue(Files.isRegularFile(data.resolve(RunCache.FILE)));
        assertEquals("", first.err());

        Start again = run(spec, data);
        assertTrue(again.reused(), again.out());
        assertEquals("", again.err());
        assertEquals(first.openApi(), again.openApi());

        // a spec change the generated code shows: the new description must be served, never the old classes
        String changed = text.replace(
                "description: Projects, their tasks, and notes that only their author sees.",
                "description: Projects and tasks, changed.");
        assertFalse(changed.equals(text));
        Files.writeString(spec, changed);
        Start afterChange = run(spec, data);
        assertTrue(afterChange.compiled(), afterChange.out());
        assertTrue(afterChange.openApi().contains("Projects and tasks, changed."), afterChange.openApi());
        assertTrue(run(spec, data).reused());
    }

    @Test
    void aDamagedCacheIsReportedAndCompiledAgain() throws Exception {
        Path data = temp.resolve("data");
        Start first = run(TASKS, data);
        assertTrue(first.compiled(), first.out());
        Path file = data.resolve(RunCache.FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        Start damaged = run(TASKS, data);
        assertTrue(damaged.compiled(), damaged.out());
        assertTrue(damaged.err().contains(file + " is damaged; compiling again"), damaged.err());
        assertEquals(first.openApi(), damaged.openApi());
        Start repaired = run(TASKS, data);
        assertTrue(repaired.reused(), repaired.out());
        assertEquals("", repaired.err());
    }

    @Test
    void anInvalidSpecNeitherStartsNorTouchesTheCache() throws Exception {
        Path data = temp.resolve("data");
        Start invalid = run(Path.of("..", "samples", "invalid", "misspellings.yaml"), data);
        assertEquals(ExitCodes.INVALID, invalid.code());
        assertFalse(Files.exists(data.resolve(RunCache.FILE)));
    }

    private static CompiledClasses someClasses() {
        return new CompiledClasses(
                Map.of("org.example.A", new byte[] {1, 2, 3}, "org.example.B", new byte[0]),
                Map.of("org/example/openapi.json", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertSame(CompiledClasses expected, CompiledClasses actual) {
        assertEquals(expected.classes().keySet(), actual.classes().keySet());
        expected.classes()
                .forEach((name, bytes) ->
                        assertArrayEquals(bytes, actual.classes().get(name), name));
        assertEquals(expected.resources().keySet(), actual.resources().keySet());
        expected.resources()
                .forEach((name, bytes) ->
                        assertArrayEquals(bytes, actual.resources().get(name), name));
    }

    @Test
    void aCacheIsReadBackOnlyForItsOwnKey() throws IOException {
        byte[] tool = new byte[32];
        byte[] spec = "service: {name: a}".getBytes(StandardCharsets.UTF_8);
        byte[] key = RunCache.key(tool, "a.yaml", spec);
        List<String> problems = new ArrayList<>();
        new RunCache(temp, key).write(someClasses());
        assertSame(someClasses(), new RunCache(temp, key).read(problems::add).orElseThrow());

        byte[] otherTool = tool.clone();
        otherTool[0] = 1;
        byte[] otherSpec = "service: {name: b}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), new RunCache(temp, RunCache.key(otherTool, "a.yaml", spec)).read(problems::add));
        assertEquals(Optional.empty(), new RunCache(temp, RunCache.key(tool, "a.yaml", otherSpec)).read(problems::add));
        assertEquals(Optional.empty(), new RunCache(temp, RunCache.key(tool, "b.yaml", spec)).read(problems::add));
        assertEquals(List.of(), problems, "a stale key is a plain miss");
    }

    @Test
    void aDamagedTruncatedOrUnsafeCacheIsAMissWithTheReason() throws IOException {
        byte[] key = RunCache.key(new byte[32], "a.yaml", new byte[] {1});
        RunCache cache = new RunCache(temp, key);
        cache.write(someClasses());
        Path file = temp.resolve(RunCache.FILE);
        byte[] good = Files.readAllBytes(file);

        for (int at : new int[] {0, 30, good.length / 2, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x40;
            Files.write(file, bad);
            List<String> problems = new ArrayList<>();
            assertEquals(Optional.empty(), cache.read(problems::add), "flipped byte " + at);
            assertEquals(List.of(file + " is damaged"), problems, "flipped byte " + at);
        }
        for (int length : new int[] {0, 10, good.length - 33, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, length));
            List<String> problems = new ArrayList<>();
            assertEquals(Optional.empty(), cache.read(problems::add), "cut at " + length);
            assertEquals(1, problems.size(), "cut at " + length);
        }

        Files.write(file, good);
        assertTrue(cache.read(p -> {}).isPresent());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.empty(), cache.read(problems::add));
        assertEquals(List.of(file + " is not used: others can write " + file), problems);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        problems.clear();
        assertEquals(Optional.empty(), cache.read(problems::add));
        assertEquals(List.of(file + " is not used: others can write " + temp.toAbsolutePath()), problems);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));

        cache.write(someClasses()); // a new file replaces the one that was not used
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertNotNull(cache.read(p -> {}).orElse(null));
    }

    private static void jar(Path file, String entry, String content) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            JarEntry jarEntry = new JarEntry(entry);
            jarEntry.setTime(1_700_000_000_000L); // a rebuild at another time would change only this
            out.putNextEntry(jarEntry);
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    @Test
    void anyChangeToTheToolChangesItsFingerprint() throws IOException {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        Path classes = Files.createDirectories(temp.resolve("classes/org/example"));
        Path a = lib.resolve("a.jar");
        Path b = lib.resolve("b.jar");
        jar(a, "A.class", "version 1");
        jar(b, "B.class", "bee");
        Files.writeString(classes.resolve("C.class"), "sea");
        List<Path> path = List.of(a, b, temp.resolve("classes"));
        byte[] before = ToolFingerprint.of(path);
        assertArrayEquals(before, ToolFingerprint.of(path), "the same tool, the same fingerprint");

        jar(a, "A.class", "version 2"); // same names and sizes, other bytes
        byte[] changedJar = ToolFingerprint.of(path);
        assertFalse(Arrays.equals(before, changedJar));
        jar(a, "A.class", "version 1");
        assertArrayEquals(before, ToolFingerprint.of(path), "rebuilt identically");

        Files.writeString(classes.resolve("C.class"), "see");
        assertFalse(Arrays.equals(before, ToolFingerprint.of(path)), "a class file in a folder");
        Files.writeString(classes.resolve("C.class"), "sea");
        assertFalse(Arrays.equals(before, ToolFingerprint.of(List.of(b, a, temp.resolve("classes")))), "order");
        assertFalse(Arrays.equals(before, ToolFingerprint.of(List.of(a, temp.resolve("classes")))), "a jar less");

        Files.write(b, "not a zip at all".getBytes(StandardCharsets.UTF_8));
        byte[] notZip = ToolFingerprint.of(path);
        Files.write(b, "not a zip at all!".getBytes(StandardCharsets.UTF_8));
        assertFalse(Arrays.equals(notZip, ToolFingerprint.of(path)), "counted by its whole content");
    }
}
