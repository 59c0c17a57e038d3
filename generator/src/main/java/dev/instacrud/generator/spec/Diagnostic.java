package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.Position;
import java.util.Comparator;

/**
 * One problem in a spec: data, not an exception. Diagnostics are gathered in full and sorted by position.
 *
 * @param file    the spec's file name as given to the loader
 * @param line    1-based line
 * @param column  1-based column
 * @param ruleId  the stable id of the rule that found it (e.g. {@code unknown-key})
 * @param message what is wrong, with a did-you-mean where one helps
 */
public record Diagnostic(String file, int line, int column, String ruleId, String message) {

    /** File, then line, then column, then rule id, then message: a stable order for output and goldens. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::ruleId)
            .thenComparing(Diagnostic::message);

    /** A diagnostic at a position. */
    public static Diagnostic at(String file, Position position, String ruleId, String message) {
        return new Diagnostic(file, position.line(), position.column(), ruleId, message);
    }

    /** The line users see: {@code FILE:LINE:COL: error: MESSAGE [rule-id]}. */
    public String format() {
        return file + ":" + line + ":" + column + ": error: " + message + " [" + ruleId + "]";
    }

    @Override
    public String toString() {
        return format();
    }
}
