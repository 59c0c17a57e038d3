package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.Position;

/**
 * A YAML scalar with the kind YAML resolved it to and its text as written.
 *
 * @param position where the scalar is
 * @param kind     what YAML made of it
 * @param text     its text (for numbers, exactly as written, so decimals stay exact)
 */
public record YamlScalar(Position position, Kind kind, String text) implements YamlNode {

    /** What a scalar resolved to. */
    public enum Kind {
        /** Plain or quoted text. */
        STRING,
        /** An integer. */
        INTEGER,
        /** A number with a fraction or exponent. */
        FLOAT,
        /** true or false. */
        BOOLEAN,
        /** null, ~ or nothing. */
        NULL
    }

    /** Whether this is a number of either kind. */
    public boolean isNumber() {
        return kind == Kind.INTEGER || kind == Kind.FLOAT;
    }

    @Override
    public String describe() {
        return switch (kind) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "nothing";
        };
    }

    /** The value as users wrote it, for messages. */
    public String quoted() {
        return kind == Kind.STRING ? "'" + text + "'" : text;
    }
}
