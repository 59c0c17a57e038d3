package dev.instacrud.runtime.query;

/**
 * The bounds of a client filter; the defaults are those of {@link #DEFAULT}.
 *
 * @param maxDepth deepest nesting of {@code $and/$or/$nor/$not/$elemMatch}
 * @param maxClauses most operators and field conditions in one filter
 * @param maxArrayElements longest array ({@code $in}, {@code $or}...)
 * @param maxLength longest filter text, in characters
 */
public record QueryLimits(int maxDepth, int maxClauses, int maxArrayElements, int maxLength) {
    /** Depth 10, 200 clauses, 100 array elements, 16 KiB of text. */
    public static final QueryLimits DEFAULT = new QueryLimits(10, 200, 100, 16 * 1024);
}
