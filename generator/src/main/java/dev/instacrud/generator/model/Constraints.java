package dev.instacrud.generator.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The value constraints of a field, by their JSON Schema names. On a list, the length, pattern and
 * number constraints apply to each item; the item constraints apply to the list itself.
 *
 * @param minLength        least number of characters (text types)
 * @param maxLength        most number of characters (text types)
 * @param pattern          a Java regex the whole value must match ({@code find()} semantics as in JSON
 *                         Schema: anchor it with ^ and $ to match the whole value)
 * @param minimum          inclusive lower bound (number types)
 * @param maximum          inclusive upper bound
 * @param exclusiveMinimum exclusive lower bound
 * @param exclusiveMaximum exclusive upper bound
 * @param minItems         least number of items (lists)
 * @param maxItems         most number of items (lists)
 * @param uniqueItems      whether list items must be distinct
 */
public record Constraints(
        Optional<Integer> minLength,
        Optional<Integer> maxLength,
        Optional<String> pattern,
        Optional<BigDecimal> minimum,
        Optional<BigDecimal> maximum,
        Optional<BigDecimal> exclusiveMinimum,
        Optional<BigDecimal> exclusiveMaximum,
        Optional<Integer> minItems,
        Optional<Integer> maxItems,
        boolean uniqueItems) {

    /** No constraints at all. */
    public static final Constraints NONE = new Constraints(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);

    /** Whether any constraint is set. */
    public boolean any() {
        return !equals(NONE);
    }
}
