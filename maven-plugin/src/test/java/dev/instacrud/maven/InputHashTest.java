package dev.instacrud.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.output.OutputSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputHashTest {

    private static final byte[] SPEC = "service:\n  name: a\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path out;

    @Test
    void recordNamesTheSpecDigestAndTheGeneratorVersion() {
        String record = InputHash.of(SPEC, "1.0");
        // SHA-256 of the bytes above, computed independently with sha256sum
        assertEquals("ce9ab323656982728f97685ddc08a811488938a18278e2f569584d57f2ee97f9  1.0", record);
        assertEquals(record, InputHash.of(SPEC.clone(), "1.0"));
        assertNotEquals(record, InputHash.of(SPEC, "1.1"));
        assertNotEquals(record, InputHash.of("service:\n  name: b\n".getBytes(StandardCharsets.UTF_8), "1.0"));
    }

    @Test
    void matchesOnlyTheSameRecordWithTheManifestPresent() throws IOException {
        String record = InputHash.of(SPEC, "1.0");
        assertFalse(InputHash.matches(out, record), "nothing recorded yet");

        InputHash.record(out, record);
        assertFalse(InputHash.matches(out, record), "no manifest: the output is gone, so regenerate");

        Files.writeString(out.resolve(OutputSync.MANIFEST_PATH), "manifest\n");
        assertTrue(InputHash.matches(out, record));
        assertFalse(InputHash.matches(out, InputHash.of(SPEC, "1.1")));

        InputHash.forget(out);
        assertFalse(InputHash.matches(out, record));
    }

    @Test
    void recordLeavesOnlyTheRecordBehind() throws IOException {
        InputHash.record(out, InputHash.of(SPEC, "1.0"));
        InputHash.record(out, InputHash.of(SPEC, "1.1"));
        try (Stream<Path> files = Files.list(out.resolve(".instacrud"))) {
            assertEquals(
                    List.of("input.sha256"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(InputHash.of(SPEC, "1.1") + "\n", Files.readString(out.resolve(InputHash.PATH)));
    }
}
