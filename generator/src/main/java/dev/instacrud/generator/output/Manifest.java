package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the generator wrote last time: each generated file's relative path and the SHA-256 of the bytes written,
 * plus the generator version. Kept as text in {@code .instacrud/manifest}, sorted, so the same output always gives
 * the same manifest:
 *
 * <pre>
 * # instacrud manifest 1
 * generator 0.1.0
 * 3f0a...e1  src/main/java/com/acme/Task.java
 * </pre>
 */
record Manifest(String generatorVersion, SortedMap<String, String> hashes) {

    static final String PATH = RelativePaths.RESERVED_DIR + "/manifest";
    private static final String HEADER = "# instacrud manifest 1";
    private static final String VERSION_PREFIX = "generator ";

    Manifest {
        hashes = Collections.unmodifiableSortedMap(new TreeMap<>(hashes));
    }

    static Manifest empty() {
        return new Manifest("", new TreeMap<>());
    }

    /** Reads the manifest of {@code outDir}; an absent manifest is empty, a malformed one is refused. */
    static Manifest read(Path outDir) throws IOException {
        Path file = outDir.resolve(PATH);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException("the manifest " + file + " is not a regular file");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses manifest text; every path goes through the same validation as generated files (fail closed). */
    static Manifest parse(String text, String source) throws OutputException {
        // A checkout with core.autocrlf may have turned our \n into \r\n: read both.
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].startsWith(VERSION_PREFIX)) {
            throw malformed(source, 1, "expected '" + HEADER + "' then 'generator VERSION'");
        }
        String version = lines[1].substring(VERSION_PREFIX.length());
        SortedMap<String, String> hashes = new TreeMap<>();
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            int gap = line.indexOf("  ");
            if (gap != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw malformed(source, i + 1, "expected 'SHA256  PATH'");
            }
            String path = line.substring(66);
            String problem = RelativePaths.problem(path);
            if (problem != null) {
                throw malformed(source, i + 1, "path '" + path + "' is " + problem);
            }
            if (hashes.put(path, line.substring(0, 64)) != null) {
                throw malformed(source, i + 1, "path '" + path + "' listed twice");
            }
        }
        return new Manifest(version, hashes);
    }

    private static OutputException malformed(String source, int line, String why) {
        return new OutputException("malformed manifest " + source + ":" + line + ": " + why
                + "; fix or delete it (files it listed are then treated as not written by instacrud)");
    }

    String format() {
        StringBuilder text = new StringBuilder(HEADER)
                .append('\n')
                .append(VERSION_PREFIX)
                .append(generatorVersion)
                .append('\n');
        for (Map.Entry<String, String> entry : hashes.entrySet()) {
            text.append(entry.getValue()).append("  ").append(entry.getKey()).append('\n');
        }
        return text.toString();
    }

    byte[] bytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
