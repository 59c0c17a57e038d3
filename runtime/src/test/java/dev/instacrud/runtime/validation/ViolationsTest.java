package dev.instacrud.runtime.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.error.ErrorDetail;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViolationsTest {
    private static List<String> types(Violations v) {
        return v.errors().stream().map(ErrorDetail::type).toList();
    }

    @Test
    void eachCheckNamesItsRule() {
        Violations v = new Violations();
        v.required(null, "a");
        v.minLength("ab", 3, "b");
        v.maxLength("😀😀", 2, "c"); // code points, not UTF-16 units: passes
        v.maxLength("abc", 2, "c");
        v.pattern("abc", Pattern.compile("^\\d+$"), "d");
        v.minimum(-1, 0, "e");
        v.maximum(11L, 10, "f");
        v.exclusiveMinimum(new BigDecimal("0"), new BigDecimal("0"), "g");
        v.exclusiveMaximum(700.0, 700, "h");
        v.minItems(List.of(), 1, "i");
        v.maxItems(List.of(1, 2), 1, "j");
        v.uniqueItems(List.of("x", "x"), "k");
        v.email("not-an-email", "l");
        v.url("javascript:alert(1)", "m");
        v.uuid("1234", "n");
        v.id("{\"$gt\":\"\"}", "o");
        assertEquals(
                List.of(
                        "missing",
                        "string_too_short",
                        "string_too_long",
                        "string_pattern_mismatch",
                        "greater_than_equal",
                        "less_than_equal",
                        "greater_than",
                        "less_than",
                        "too_short",
                        "too_long",
                        "unique_items",
                        "value_error",
                        "url_parsing",
                        "uuid_parsing",
                        "id_parsing"),
                types(v));
        ValidationException e = assertThrows(ValidationException.class, v::throwIfAny);
        assertEquals(422, e.status());
        assertEquals(15, e.errors().size());
    }

    @Test
    void validValuesAndNullsPass() {
        Violations v = new Violations();
        v.minLength(null, 3, "a");
        v.minimum(null, 0, "a");
        v.email("ann.lee+tag@example.co.uk", "a");
        v.url("https://example.org/a?b=c", "a");
        v.uuid("123e4567-e89b-12d3-a456-426614174000", "a");
        v.id("507f1f77bcf86cd799439011", "a");
        v.minimum(0.5, 0.5, "a");
        v.exclusiveMaximum(new BigDecimal("699.99"), 700, "a");
        v.pattern("x1", Pattern.compile("\\d"), "a");
        assertTrue(v.isEmpty());
        v.throwIfAny();
    }

    @Test
    void messagesShowTheBoundAsWritten() {
        Violations v = new Violations();
        v.minimum(new BigDecimal("0.1"), new BigDecimal("0.25"), "price");
        v.maxItems(List.of(1, 2), 1, "tags", 0);
        assertEquals(
                List.of(
                        ErrorDetail.of("Input should be greater than or equal to 0.25", "greater_than_equal", "price"),
                        ErrorDetail.of("List should have at most 1 item", "too_long", "tags", 0)),
                v.errors());
    }

    @Test
    void boundsCompareNonFiniteNumbersWithoutThrowing() {
        Violations v = new Violations();
        v.maximum(Double.POSITIVE_INFINITY, 10, "a");
        v.minimum(Double.NEGATIVE_INFINITY, new BigDecimal("0.5"), "b");
        v.exclusiveMinimum(1.0, Double.NEGATIVE_INFINITY, "c");
        v.maximum(new BigDecimal("1E+999999999"), 700, "d");
        assertEquals(List.of("less_than_equal", "greater_than_equal", "less_than_equal"), types(v));
    }
}
