package dev.instacrud.generator.output;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file a generation produced, held in memory until {@link OutputSync} puts it on disk or compares it.
 *
 * <p>The path is relative to the output folder, uses forward slashes, and is normalised: no empty, {@code .} or
 * {@code ..} segments, no leading slash, no drive letter, no control characters, and nothing under the
 * generator's own {@code .instacrud/} folder. The constructor refuses anything else, so no generated file can
 * ever name a place outside the output folder. Content is written as UTF-8, exactly as given.
 *
 * @param relativePath where the file goes, relative to the output folder
 * @param content the full text of the file
 * @param ownership who owns the file once it exists
 */
public record GeneratedFile(String relativePath, String content, Ownership ownership) {

    /** Validates the path and refuses nulls. */
    public GeneratedFile {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(ownership, "ownership");
        RelativePaths.requireValid(relativePath);
    }

    /** A file the generator owns and rewrites on every generation. */
    public static GeneratedFile generated(String relativePath, String content) {
        return new GeneratedFile(relativePath, content, Ownership.GENERATED);
    }

    /** A file created once for the user and never touched again. */
    public static GeneratedFile userOwned(String relativePath, String content) {
        return new GeneratedFile(relativePath, content, Ownership.USER_OWNED);
    }

    byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
