package dev.instacrud.runtime.error;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in a request, shaped like a Pydantic validation error so clients of the Python
 * InstaCRUD read ours the same way: {@code loc} is the path to the offending value (for example
 * {@code ["body", "address", "city"]} or {@code ["query", "filter", "$where"]}), {@code msg} a sentence
 * for people, {@code type} a stable machine-readable code such as {@code missing}, {@code string_too_long}
 * or {@code foreign_key}.
 */
public record ErrorDetail(List<Object> loc, String msg, String type) {
    public ErrorDetail {
        loc = List.copyOf(loc);
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }

    /** Convenience for a location given as path segments. */
    public static ErrorDetail of(String msg, String type, Object... loc) {
        return new ErrorDetail(List.of(loc), msg, type);
    }
}
