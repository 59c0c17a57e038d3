package dev.instacrud.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Stored values against the {@link DataSchema}: the stored form of a field's default (as a generated mapping would
 * store it), and whether a stored value is one the spec allows, so a migration is not recorded as done while it
 * leaves a document the API would present as valid when it is not.
 *
 * <p>The check covers presence, type, enum values, lengths (in code points), patterns, bounds, item counts and
 * distinct items, into embedded objects; not the formats of {@code email}, {@code url} and {@code uuid} values.
 */
final class StoredValues {
    private StoredValues() {}

    /** The stored form of the {@code default} of {@code field}. */
    static Object defaultOf(JsonNode field) {
        JsonNode value = field.get("default");
        return switch (field.path("type").asText()) {
            case "int" -> value.intValue();
            case "long" -> value.longValue();
            case "double" -> value.doubleValue();
            case "decimal" -> new Decimal128(value.decimalValue());
            case "boolean" -> value.booleanValue();
            case "date" ->
                Date.from(LocalDate.parse(value.asText())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
            case "datetime" -> Date.from(Instant.parse(value.asText()));
            default -> value.asText();
        };
    }

    /**
     * Puts the default of {@code fill} at {@code path} in {@code doc} where it is missing: in the document itself, or
     * in each embedded document on the way (every item of a list of objects). Returns whether anything changed.
     */
    static boolean backfill(Document doc, List<String> path, JsonNode fill) {
        String head = path.get(0);
        if (path.size() == 1) {
            if (doc.get(head) == null) {
                doc.put(head, defaultOf(fill));
                return true;
            }
            return false;
        }
        List<String> rest = path.subList(1, path.size());
        Object inner = doc.get(head);
        boolean changed = false;
        if (inner instanceof Document embedded) {
            changed = backfill(embedded, rest, fill);
        } else if (inner instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Document embedded) {
                    changed |= backfill(embedded, rest, fill);
                }
            }
        }
        return changed;
    }

    /** What is wrong with the stored value of a field; null when the spec allows it. */
    static String problem(Object value, JsonNode field) {
        if (value == null) {
            return SchemaChanges.required(field) ? "is missing" : null;
        }
        if (field.path("type").asText().equals("list")) {
            if (!(value instanceof List<?> items)) {
                return "is not a list";
            }
            String count = bounds(BigDecimal.valueOf(items.size()), field, "minItems", "maxItems", null, null);
            if (count != null) {
                return "has a number of items that " + count;
            }
            if (field.path("uniqueItems").asBoolean(false) && new HashSet<>(items).size() != items.size()) {
                return "has repeated items";
            }
            for (int i = 0; i < items.size(); i++) {
                String item = single(items.get(i), field, valueType(field));
                if (item != null) {
                    return "item " + i + " " + item;
                }
            }
            return null;
        }
        return single(value, field, field.path("type").asText());
    }

    private static String single(Object value, JsonNode field, String type) {
        if (value == null) {
            return "is null";
        }
        switch (type) {
            case "string", "text", "email", "url", "uuid" -> {
                if (!(value instanceof String text)) {
                    return "is not text";
                }
                String length = bounds(
                        BigDecimal.valueOf(text.codePointCount(0, text.length())),
                        field,
                        "minLength",
                        "maxLength",
                        null,
                        null);
                if (length != null) {
                    return "has a length that " + length;
                }
                if (field.has("pattern")
                        && !Pattern.compile(field.get("pattern").asText())
                                .matcher(text)
                                .find()) {
                    return "does not match " + field.get("pattern").asText();
                }
                return null;
            }
            case "enum" -> {
                for (JsonNode allowed : field.path("values")) {
                    if (allowed.asText().equals(value)) {
                        return null;
                    }
                }
                return "is not one of " + field.path("values");
            }
            case "int", "long", "double", "decimal" -> {
                BigDecimal number = number(value, type);
                if (number == null) {
                    return "is not a number of type " + type;
                }
                String bound = bounds(number, field, "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
                return bound == null ? null : "is a number that " + bound;
            }
            case "boolean" -> {
                return value instanceof Boolean ? null : "is not a boolean";
            }
            case "date", "datetime" -> {
                return value instanceof Date ? null : "is not a date";
            }
            case "ref" -> {
                return value instanceof ObjectId ? null : "is not an id";
            }
            case "object" -> {
                if (!(value instanceof Document embedded)) {
                    return "is not an object";
                }
                for (Map.Entry<String, JsonNode> nested :
                        DataSchema.fields(field).entrySet()) {
                    String problem = problem(embedded.get(nested.getKey()), nested.getValue());
                    if (problem != null) {
                        return nested.getKey() + " " + problem;
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static BigDecimal number(Object value, String type) {
        boolean whole = type.equals("int") || type.equals("long");
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (whole) {
            return null;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return value instanceof Decimal128 d ? d.bigDecimalValue() : null;
    }

    // "is below the minimum 3"; null within every bound the field has
    private static String bounds(
            BigDecimal value, JsonNode field, String min, String max, String exclusiveMin, String exclusiveMax) {
        List<String> out = new ArrayList<>();
        if (field.has(min) && value.compareTo(field.get(min).decimalValue()) < 0) {
            out.add("is below " + min + " " + field.get(min).asText());
        }
        if (field.has(max) && value.compareTo(field.get(max).decimalValue()) > 0) {
            out.add("is above " + max + " " + field.get(max).asText());
        }
        if (exclusiveMin != null
                && field.has(exclusiveMin)
                && value.compareTo(field.get(exclusiveMin).decimalValue()) <= 0) {
            out.add("is not above " + exclusiveMin + " "
                    + field.get(exclusiveMin).asText());
        }
        if (exclusiveMax != null
                && field.has(exclusiveMax)
                && value.compareTo(field.get(exclusiveMax).decimalValue()) >= 0) {
            out.add("is not below " + exclusiveMax + " "
                    + field.get(exclusiveMax).asText());
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }

    private static String valueType(JsonNode field) {
        return field.path("of").asText();
    }
}
