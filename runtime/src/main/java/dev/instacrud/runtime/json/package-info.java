/**
 * JSON in and out: the one strict mapper ({@link Json}) and JSON Merge Patch ({@link MergePatch}, RFC 7396).
 *
 * <p>Must never: coerce between types, accept an unknown property or a duplicate key, or echo the parser's message
 * to a client.
 *
 * <p>May use: {@code error}.
 */
package dev.instacrud.runtime.json;
