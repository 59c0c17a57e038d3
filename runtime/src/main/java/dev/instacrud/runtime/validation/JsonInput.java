package dev.instacrud.runtime.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.mapping.BsonValues;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads one JSON object into typed values strictly, the way Pydantic's strict mode does: no coercion
 * between types ({@code "12"} is not an int, {@code 1.5} is not an int, {@code 1} is not a boolean),
 * unknown properties refused, every problem collected with its location. Generated JSON mappings use it:
 *
 * <pre>{@code
 * JsonInput in = JsonInput.body(json);
 * String name = in.read("name", JsonInput.STRING);
 * Integer floor = in.read("floor", JsonInput.INT);
 * in.rejectUnknown(Set.of("name", "floor"));
 * return in.build(() -> new WardInput(name, floor));
 * }</pre>
 *
 * {@link #build} runs the record's own checks and reports their violations together with the type errors,
 * so a client gets every mistake in one 422. An absent property and JSON {@code null} both read as
 * {@code null}: whether that is allowed is the record's {@code required} rule.
 */
@GeneratedCodeApi
public final class JsonInput {
    /** Reads one JSON value at a location, recording a violation and returning null when it does not fit. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param node the value, never null or JSON null
         * @param loc where it sits
         * @param violations where to record why it does not fit
         * @return the value, or null after recording a violation
         */
        T read(JsonNode node, List<Object> loc, Violations violations);
    }

    /** The significant digits a Decimal128 holds. */
    private static final int DECIMAL_DIGITS = 34;

    /** Text. */
    public static final Reader<String> STRING = (n, loc, v) -> {
        if (n.isTextual()) {
            return n.textValue();
        }
        v.add("Input should be a valid string", "string_type", loc.toArray());
        return null;
    };

    /** A whole number that fits 32 bits. */
    public static final Reader<Integer> INT = (n, loc, v) -> {
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        v.add("Input should be a valid integer", "int_type", loc.toArray());
        return null;
    };

    /** A whole number that fits 64 bits. */
    public static final Reader<Long> LONG = (n, loc, v) -> {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        v.add("Input should be a valid integer", "int_type", loc.toArray());
        return null;
    };

    /** Any JSON number, as a double. */
    public static final Reader<Double> DOUBLE = (n, loc, v) -> {
        if (n.isNumber() && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        v.add("Input should be a valid number", "float_type", loc.toArray());
        return null;
    };

    /** Any JSON number that a Decimal128 holds exactly: at most 34 significant digits, exponent -6176 to 6111. */
    public static final Reader<BigDecimal> DECIMAL = (n, loc, v) -> {
        if (!n.isNumber()) {
            v.add("Input should be a valid decimal", "decimal_type", loc.toArray());
            return null;
        }
        // a tree read without exact decimals holds 1e7000 as an infinite double, which has no BigDecimal
        BigDecimal value = n.isBigDecimal() || Double.isFinite(n.doubleValue()) ? n.decimalValue() : null;
        if (value != null && BsonValues.isStorable(value)) {
            return value;
        }
        if (value != null && value.stripTrailingZeros().precision() > DECIMAL_DIGITS) {
            v.add(
                    "Decimal input should have no more than " + DECIMAL_DIGITS + " significant digits",
                    "decimal_max_digits",
                    loc.toArray());
        } else {
            v.add(
                    "Decimal input should be between 1E-6176 and 9.999999999999999999999999999999999E+6144 in"
                            + " magnitude",
                    "decimal_out_of_range",
                    loc.toArray());
        }
        return null;
    };

    /** {@code true} or {@code false}. */
    public static final Reader<Boolean> BOOLEAN = (n, loc, v) -> {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        v.add("Input should be a valid boolean", "bool_type", loc.toArray());
        return null;
    };

    /** An ISO-8601 calendar date, {@code 2024-05-31}, in the years 0001–9999. */
    public static final Reader<LocalDate> DATE = (n, loc, v) -> {
        LocalDate date = null;
        if (n.isTextual()) {
            try {
                date = LocalDate.parse(n.textValue(), DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (date == null) {
            v.add("Input should be a valid date in the format YYYY-MM-DD", "date_parsing", loc.toArray());
            return null;
        }
        if (!BsonValues.isStorable(date)) {
            v.add("Input should be a date from 0001-01-01 to 9999-12-31", "date_out_of_range", loc.toArray());
            return null;
        }
        return date;
    };

    /**
     * An ISO-8601 date and time with a zone offset, kept as a UTC instant to the millisecond (what MongoDB
     * stores, so a value reads back exactly as it was accepted), in the years 0001–9999 once in UTC.
     */
    public static final Reader<Instant> DATETIME = (n, loc, v) -> {
        Instant instant = null;
        if (n.isTextual()) {
            try {
                instant = OffsetDateTime.parse(n.textValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeException e) {
                // reported below
            }
        }
        if (instant == null) {
            v.add(
                    "Input should be a valid datetime with a time zone, e.g. 2024-05-31T12:00:00Z",
                    "datetime_parsing",
                    loc.toArray());
            return null;
        }
        if (!BsonValues.isStorable(instant)) {
            v.add(
                    "Input should be a datetime from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z",
                    "datetime_out_of_range",
                    loc.toArray());
            return null;
        }
        return instant;
    };

    private final JsonNode node;
    private final List<Object> loc;
    private final Violations violations = new Violations();
    private final Set<String> failed = new HashSet<>();

    private JsonInput(JsonNode node, List<Object> loc) {
        this.node = node;
        this.loc = List.copyOf(loc);
    }

    /**
     * Starts reading a request body, located at {@code ["body"]}.
     *
     * @throws ValidationException when the body is not a JSON object
     */
    public static JsonInput body(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new ValidationException(List.of(ErrorDetail.of(
                    "Input should be a valid dictionary or object to extract fields from", "model_type", "body")));
        }
        return new JsonInput(json, List.of("body"));
    }

    /**
     * Reads one of an enum's constants by its JSON value, which is the constant's {@code toString()} (generated
     * enums return their spec value there).
     */
    public static <E extends Enum<E>> Reader<E> oneOf(E[] values) {
        Map<String, E> constants = new LinkedHashMap<>();
        for (E value : values) {
            constants.put(value.toString(), value);
        }
        return (n, loc, v) -> {
            E value = n.isTextual() ? constants.get(n.textValue()) : null;
            if (value == null) {
                v.add("Input should be " + quotedAlternatives(constants.keySet()), "enum", loc.toArray());
            }
            return value;
        };
    }

    /** Reads a JSON array whose items each fit {@code item}; null items are refused. */
    public static <T> Reader<List<T>> listOf(Reader<T> item) {
        return (n, loc, v) -> {
            if (!n.isArray()) {
                v.add("Input should be a valid list", "list_type", loc.toArray());
                return null;
            }
            List<T> items = new ArrayList<>(n.size());
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                List<Object> at = append(loc, i);
                JsonNode value = n.get(i);
                T read = value.isNull() ? null : item.read(value, at, v);
                if (value.isNull()) {
                    v.add("Input should not be null", "none_forbidden", at.toArray());
                }
                ok &= read != null;
                items.add(read);
            }
            return ok ? items : null;
        };
    }

    /** Reads a nested JSON object with its own generated mapping. */
    public static <T> Reader<T> object(Function<JsonInput, T> mapping) {
        return (n, loc, v) -> {
            if (!n.isObject()) {
                v.add(
                        "Input should be a valid dictionary or object to extract fields from",
                        "model_type",
                        loc.toArray());
                return null;
            }
            try {
                return mapping.apply(new JsonInput(n, loc));
            } catch (ValidationException e) {
                // the nested input already located its errors from the root
                v.addAll(List.of(), e.errors());
                return null;
            }
        };
    }

    /** Reads property {@code name}: null when absent or JSON null, or after recording why it does not fit. */
    public <T> T read(String name, Reader<T> reader) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        int before = violations.errors().size();
        T read = reader.read(value, append(loc, name), violations);
        if (violations.errors().size() > before) {
            failed.add(name);
        }
        return read;
    }

    /** Refuses every property not in {@code known} ({@code extra: forbid}). */
    public void rejectUnknown(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(
                        "Extra inputs are not permitted",
                        "extra_forbidden",
                        append(loc, name).toArray());
            }
        }
    }

    /**
     * Builds the record from what was read, adding the record's own violations to the type errors (except
     * those on properties that already failed to read, which would only repeat them), and throws them all.
     */
    public <T> T build(Supplier<T> constructor) {
        T built = null;
        try {
            built = constructor.get();
        } catch (ValidationException e) {
            List<ErrorDetail> own = new ArrayList<>();
            for (ErrorDetail error : e.errors()) {
                if (error.loc().isEmpty()
                        || !failed.contains(String.valueOf(error.loc().get(0)))) {
                    own.add(error);
                }
            }
            violations.addAll(loc, own);
        }
        violations.throwIfAny();
        return built;
    }

    private static List<Object> append(List<Object> loc, Object segment) {
        List<Object> at = new ArrayList<>(loc.size() + 1);
        at.addAll(loc);
        at.add(segment);
        return at;
    }

    private static String quotedAlternatives(Set<String> values) {
        List<String> quoted = values.stream().map(s -> "'" + s + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
