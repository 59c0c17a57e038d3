package dev.instacrud.runtime.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.runtime.GeneratedCodeApi;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON form of the spec's values, as responses show them: numbers as numbers (decimals exactly),
 * dates as {@code 2024-05-31}, datetimes as UTC ISO-8601 ({@code 2024-05-31T12:00:00Z}), enum constants by
 * their spec value (their {@code toString()}), absent values as {@code null}.
 */
@GeneratedCodeApi
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {}

    /** One scalar value as a JSON node. */
    public static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof LocalDate || value instanceof Instant || value instanceof Enum<?>) {
            return NODES.textNode(value.toString());
        }
        throw new IllegalArgumentException(
                "not a spec value: " + value.getClass().getName());
    }

    /** A list as a JSON array, each item converted by {@code item}; {@code null} stays null. */
    public static <T> JsonNode array(List<T> values, Function<T, JsonNode> item) {
        if (values == null) {
            return NODES.nullNode();
        }
        ArrayNode array = NODES.arrayNode(values.size());
        for (T value : values) {
            array.add(item.apply(value));
        }
        return array;
    }

    /** A fresh object node for a response. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }
}
