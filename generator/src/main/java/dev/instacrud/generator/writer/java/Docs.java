package dev.instacrud.generator.writer.java;

import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;

/**
 * Javadoc sentences for fields: whether a value is required, then the spec's description, else one derived from the
 * declaration.
 */
final class Docs {
    private Docs() {}

    /** {@code required; a line of text}, {@code optional; Hours of work expected}. */
    static String describe(FieldModel field) {
        String text = field.description().orElseGet(() -> derived(field));
        return (field.required() ? "required; " : "optional; ") + escape(text);
    }

    private static String derived(FieldModel field) {
        if (field.secret()) {
            return "write-only: stored, never returned";
        }
        if (field.type() == FieldType.LIST) {
            return "a list of " + plural(field);
        }
        return single(field);
    }

    private static String single(FieldModel field) {
        return switch (field.valueType()) {
            case STRING -> "a line of text";
            case TEXT -> "free text";
            case INT, LONG -> "a whole number";
            case DOUBLE -> "a number";
            case DECIMAL -> "an exact decimal number";
            case BOOLEAN -> "true or false";
            case DATE -> "a calendar date";
            case DATETIME -> "an instant (UTC)";
            case EMAIL -> "an e-mail address";
            case URL -> "an http(s) URL";
            case UUID -> "a UUID";
            case ENUM -> "one of " + String.join(", ", field.enumValues());
            case REF -> "the id of a " + field.refTarget().orElseThrow();
            case OBJECT -> "an embedded object";
            case LIST -> throw new IllegalStateException("no lists of lists");
        };
    }

    private static String plural(FieldModel field) {
        return switch (field.valueType()) {
            case STRING, TEXT -> "texts";
            case INT, LONG, DOUBLE, DECIMAL -> "numbers";
            case BOOLEAN -> "booleans";
            case DATE -> "calendar dates";
            case DATETIME -> "instants (UTC)";
            case EMAIL -> "e-mail addresses";
            case URL -> "URLs";
            case UUID -> "UUIDs";
            case ENUM -> "values from " + String.join(", ", field.enumValues());
            case REF -> field.refTarget().orElseThrow() + " ids";
            case OBJECT -> "embedded objects";
            case LIST -> throw new IllegalStateException("no lists of lists");
        };
    }

    /**
     * Javadoc must not end early or start tags from spec text. javac reads unicode escapes before comments,
     * so a backslash is written as an entity too: the escape of '*' followed by '/' would close the comment.
     */
    static String escape(String text) {
        return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "{@literal @}");
    }
}
