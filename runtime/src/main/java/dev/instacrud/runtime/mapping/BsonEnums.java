package dev.instacrud.runtime.mapping;

import dev.instacrud.runtime.GeneratedCodeApi;

/**
 * Reads a generated enum back from the database, where it is stored as its spec value ({@code in-progress}), which is
 * what the constant's {@code toString()} returns. One lookup for every generated enum, so none repeats it; the
 * counterpart of {@link BsonValues#fromEnum}.
 */
@GeneratedCodeApi
public final class BsonEnums {
    private BsonEnums() {}

    /**
     * The constant whose spec value is {@code value}; {@code null} stays {@code null}. A linear scan: a spec enum holds
     * a handful of values.
     *
     * @param constants the enum's constants, {@code Status.values()}
     * @throws IllegalStateException when the stored value is none of them (written by another client, or dropped
     *     from the spec since): a server fault, not the caller's
     */
    public static <E extends Enum<E>> E asEnum(Object value, E[] constants) {
        if (value == null) {
            return null;
        }
        String stored = value.toString();
        for (E constant : constants) {
            if (constant.toString().equals(stored)) {
                return constant;
            }
        }
        throw new IllegalStateException("stored value not in the spec: " + stored);
    }
}
