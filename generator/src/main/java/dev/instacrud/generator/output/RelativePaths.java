package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Validation of the relative paths named by generated files and by the manifest read back from disk. */
final class RelativePaths {

    /** The generator's own folder inside the output folder: manifest and staging area, never a generated file. */
    static final String RESERVED_DIR = ".instacrud";

    private RelativePaths() {}

    /** Throws {@link IllegalArgumentException} naming the problem unless {@code path} is a safe relative path. */
    static void requireValid(String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid output path '" + path + "': " + problem);
        }
    }

    /** Returns why {@code path} is unsafe, or null when it is a normalised relative path. */
    static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "control character";
            }
            if (c == '\\') {
                return "backslash (use forward slashes)";
            }
            if (c == ':') {
                return "colon (drive letters and streams are not portable)";
            }
        }
        if (path.startsWith("/")) {
            return "absolute";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segment";
            }
        }
        if (path.equals(RESERVED_DIR) || path.startsWith(RESERVED_DIR + "/")) {
            return RESERVED_DIR + "/ is reserved for the generator";
        }
        return null;
    }

    /** Resolves a validated relative path under {@code outDir}. */
    static Path resolve(Path outDir, String relativePath) {
        Path resolved = outDir.resolve(relativePath).normalize();
        if (!resolved.startsWith(outDir)) {
            throw new IllegalArgumentException("output path escapes the output folder: " + relativePath);
        }
        return resolved;
    }

    /**
     * Refuses to go through a symbolic link below {@code outDir}: a link inside the output folder could point
     * anywhere, and following it would write or delete outside the folder.
     */
    static void requireNoLinks(Path outDir, String relativePath) throws IOException {
        Path current = outDir;
        for (String segment : relativePath.split("/")) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                throw new OutputException(
                        "refusing to follow the symbolic link " + current + " inside the output folder");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    /** {@link #requireNoLinks(Path, String)}, looking through {@code disk}, whose root is the output folder. */
    static void requireNoLinks(DiskView disk, Path outDir, String relativePath) throws IOException {
        Path current = outDir;
        for (String segment : relativePath.split("/")) {
            current = current.resolve(segment);
            DiskView.Kind kind = disk.kind(current);
            if (kind == DiskView.Kind.LINK) {
                throw new OutputException(
                        "refusing to follow the symbolic link " + current + " inside the output folder");
            }
            if (kind == DiskView.Kind.MISSING) {
                return;
            }
        }
    }
}
