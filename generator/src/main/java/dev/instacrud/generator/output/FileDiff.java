package dev.instacrud.generator.output;

/**
 * A file whose content on disk differs from what the spec produces.
 *
 * @param path the path relative to the output folder
 * @param unifiedDiff from the file on disk ({@code a/}) to the generated one ({@code b/}): {@code ---}/{@code +++}
 *     headers, then {@code @@} hunks with three lines of context, each line ending in a newline
 */
public record FileDiff(String path, String unifiedDiff) {}
