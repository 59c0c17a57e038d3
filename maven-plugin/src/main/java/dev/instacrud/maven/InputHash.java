package dev.instacrud.maven;

import dev.instacrud.generator.output.OutputSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The record that lets {@code generate} skip work: one line, the SHA-256 of the spec's bytes and the generator
 * version, kept in {@code .instacrud/input.sha256} inside the output folder (beside the manifest, so cleaning the
 * output cleans it too). It is written only after a generation that left the folder exactly as the spec says, and
 * removed before any other, so a present, matching record always describes what is on disk.
 */
final class InputHash {

    /** Where the record lives, relative to the output folder. */
    static final String PATH = ".instacrud/input.sha256";

    private InputHash() {}

    /** The record for these spec bytes and this generator version. */
    static String of(byte[] spec, String generatorVersion) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spec);
            return HexFormat.of().formatHex(digest) + "  " + generatorVersion;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * True when the folder holds this exact record and still has its manifest; any doubt (a missing or unreadable
     * record, a missing manifest) answers false, so the caller regenerates.
     */
    static boolean matches(Path outDir, String record) {
        Path file = outDir.resolve(PATH);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(outDir.resolve(OutputSync.MANIFEST_PATH), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip().equals(record);
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the record, so an interrupted or partial generation is never mistaken for a complete one. */
    static void forget(Path outDir) throws IOException {
        Files.deleteIfExists(outDir.resolve(PATH));
    }

    /** Writes the record: to a temporary file first, then renamed over, so a reader never sees half of it. */
    static void record(Path outDir, String record) throws IOException {
        Path file = outDir.resolve(PATH);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "input", ".tmp");
        try {
            Files.writeString(temp, record + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
