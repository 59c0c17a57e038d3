package dev.instacrud.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathSafetyTest {

    @TempDir
    Path tmp;

    @Test
    void unsafePathsAreRefusedWithTheReason() {
        Map<String, String> cases = Map.of(
                "../escape.txt", "'..' segment",
                "a/../../b", "'..' segment",
                "/etc/passwd", "absolute",
                "a\\b.java", "backslash (use forward slashes)",
                "C:/x", "colon (drive letters and streams are not portable)",
                "a//b", "empty segment",
                "./a", "'.' segment",
                "a/\nb", "control character",
                ".instacrud/manifest", ".instacrud/ is reserved for the generator",
                "", "empty");
        cases.forEach((path, why) -> {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> GeneratedFile.generated(path, "x"));
            assertEquals("invalid output path '" + path + "': " + why, e.getMessage());
        });
        assertEquals(
                "a/b.instacrud/.c",
                GeneratedFile.generated("a/b.instacrud/.c", "").relativePath());
    }

    @Test
    void desiredSetsThatCannotCoexistAreRefused() {
        OutputSync sync = new OutputSync("1");
        Path out = tmp.resolve("out");
        IllegalArgumentException dup = assertThrows(
                IllegalArgumentException.class,
                () -> sync.plan(
                        out,
                        List.of(GeneratedFile.generated("a.txt", "1"), GeneratedFile.userOwned("a.txt", "2")),
                        false));
        assertEquals("two generated files share the path a.txt", dup.getMessage());
        IllegalArgumentException nested = assertThrows(
                IllegalArgumentException.class,
                () -> sync.plan(
                        out, List.of(GeneratedFile.generated("a", "1"), GeneratedFile.generated("a/b", "2")), false));
        assertEquals("the generated file a is also a folder of a/b", nested.getMessage());
    }

    @Test
    void aTamperedManifestCannotMakeUsDeleteOutsideTheFolder() throws IOException {
        Path out = tmp.resolve("out");
        Path victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "precious\n");
        Files.createDirectories(out.resolve(".instacrud"));
        Files.writeString(
                out.resolve(".instacrud/manifest"),
                "# instacrud manifest 1\ngenerator 1\n" + Manifest.sha256("precious\n".getBytes())
                        + "  ../victim.txt\n");
        OutputException e = assertThrows(
                OutputException.class,
                () -> new OutputSync("1").write(out, List.of(GeneratedFile.generated("a.txt", "a\n")), false));
        assertTrue(e.getMessage().contains(":3: path '../victim.txt' is '..' segment"), e.getMessage());
        assertTrue(e.previousOutputIntact());
        assertEquals("precious\n", Files.readString(victim));
    }

    @Test
    void aMalformedManifestIsRefusedNotGuessed() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve(".instacrud"));
        Files.writeString(out.resolve(".instacrud/manifest"), "# instacrud manifest 1\ngenerator 1\nnot a line\n");
        OutputException e = assertThrows(OutputException.class, () -> new OutputSync("1").check(out, List.of()));
        assertTrue(
                e.getMessage()
                        .endsWith("manifest:3: expected 'SHA256  PATH'; fix or delete it "
                                + "(files it listed are then treated as not written by instacrud)"),
                e.getMessage());
    }

    @Test
    void aManifestCheckedOutWithCrlfStillReads() throws OutputException {
        String hash = Manifest.sha256("x".getBytes());
        Manifest manifest = Manifest.parse("# instacrud manifest 1\r\ngenerator 1\r\n" + hash + "  a/b.txt\r\n", "m");
        assertEquals(Map.of("a/b.txt", hash), manifest.hashes());
        assertEquals("1", manifest.generatorVersion());
    }

    @Test
    void symbolicLinksInsideTheFolderAreNotFollowed() throws IOException {
        Path out = tmp.resolve("out");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("src"), elsewhere);
        OutputException e = assertThrows(
                OutputException.class,
                () -> new OutputSync("1")
                        .plan(out, List.of(GeneratedFile.generated("src/A.java", "class A {}\n")), false));
        assertEquals(
                "refusing to follow the symbolic link " + out.toAbsolutePath().resolve("src")
                        + " inside the output folder",
                e.getMessage());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void theGeneratorVersionMustBeOneLine() {
        assertThrows(IllegalArgumentException.class, () -> new OutputSync("1\n2"));
        assertThrows(IllegalArgumentException.class, () -> new OutputSync(" "));
    }
}
