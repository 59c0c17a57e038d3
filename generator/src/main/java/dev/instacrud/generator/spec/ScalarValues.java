package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns spec scalars into typed values (see {@link dev.instacrud.generator.model.FieldModel} for the Java
 * type of each field type). Each method answers either a value or why there is none, never throws.
 */
public final class ScalarValues {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /**
     * A typed value, or the reason the scalar is not one.
     *
     * @param value   the value when the scalar fits
     * @param problem why it does not fit, when it does not
     */
    public record Parsed(Optional<Object> value, Optional<String> problem) {
        static Parsed ok(Object value) {
            return new Parsed(Optional.of(value), Optional.empty());
        }

        static Parsed fail(String problem) {
            return new Parsed(Optional.empty(), Optional.of(problem));
        }
    }

    private ScalarValues() {}

    /** An exact number from an integer or float scalar. */
    public static Optional<BigDecimal> number(YamlScalar scalar) {
        if (!scalar.isNumber()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(scalar.text().replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty(); // hex, octal, .inf: not a plain decimal
        }
    }

    /** A boolean scalar's value (YAML spellings like True included); empty for other scalars. */
    public static Optional<Boolean> bool(YamlScalar scalar) {
        if (scalar.kind() != YamlScalar.Kind.BOOLEAN) {
            return Optional.empty();
        }
        String t = scalar.text().toLowerCase(java.util.Locale.ROOT);
        return Optional.of(t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y"));
    }

    /**
     * Whether a node is a boolean written the YAML 1.1 way ({@code yes}, {@code no}, {@code on}, {@code off},
     * {@code y}, {@code n}, in any case): YAML 1.2, editors and the JSON Schema read those as text.
     */
    public static boolean isYaml11Boolean(YamlNode node) {
        if (!(node instanceof YamlScalar scalar) || scalar.kind() != YamlScalar.Kind.BOOLEAN) {
            return false;
        }
        String t = scalar.text().toLowerCase(java.util.Locale.ROOT);
        return !t.equals("true") && !t.equals("false");
    }

    /** A whole number that fits an int and is not negative (lengths and item counts). */
    public static Optional<Integer> count(YamlScalar scalar) {
        return number(scalar)
                .filter(n -> n.signum() >= 0
                        && n.stripTrailingZeros().scale() <= 0
                        && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0)
                .map(BigDecimal::intValueExact);
    }

    /** The scalar as a value of a scalar field type; enum values are checked against {@code enumValues}. */
    public static Parsed parse(FieldType type, YamlScalar scalar, List<String> enumValues) {
        String text = scalar.text();
        switch (type) {
            case INT:
                return whole(
                        scalar, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE), "int");
            case LONG:
                return whole(scalar, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), "long");
            case DOUBLE: {
                Optional<BigDecimal> n = number(scalar);
                if (n.isEmpty() || Double.isInfinite(n.get().doubleValue())) {
                    return Parsed.fail("is not a finite number");
                }
                return Parsed.ok(n.get().doubleValue());
            }
            case DECIMAL:
                return number(scalar).<Parsed>map(Parsed::ok).orElse(Parsed.fail("is not a decimal number"));
            case BOOLEAN:
                if (isYaml11Boolean(scalar)) {
                    return Parsed.fail("is '" + text + "', YAML 1.1's spelling: write "
                            + bool(scalar).orElse(false));
                }
                return bool(scalar).<Parsed>map(Parsed::ok).orElse(Parsed.fail("is not true or false"));
            default:
                break;
        }
        if (scalar.kind() != YamlScalar.Kind.STRING) {
            return Parsed.fail("is " + scalar.describe() + ", not text (quote it)");
        }
        switch (type) {
            case DATE:
                try {
                    return Parsed.ok(LocalDate.parse(text));
                } catch (DateTimeParseException e) {
                    return Parsed.fail("is not an ISO-8601 date like 2024-05-31");
                }
            case DATETIME:
                try {
                    return Parsed.ok(Instant.parse(text));
                } catch (DateTimeParseException e) {
                    return Parsed.fail("is not an ISO-8601 instant like 2024-05-31T12:00:00Z");
                }
            case EMAIL:
                return EMAIL.matcher(text).matches() ? Parsed.ok(text) : Parsed.fail("is not an e-mail address");
            case URL:
                return isHttpUrl(text) ? Parsed.ok(text) : Parsed.fail("is not an absolute http(s) URL");
            case UUID:
                return UUID.matcher(text).matches() ? Parsed.ok(text) : Parsed.fail("is not a UUID");
            case ENUM:
                return enumValues.contains(text) ? Parsed.ok(text) : Parsed.fail("is not one of " + enumValues);
            default:
                return Parsed.ok(text);
        }
    }

    private static Parsed whole(YamlScalar scalar, BigInteger min, BigInteger max, String typeName) {
        Optional<BigDecimal> n = number(scalar);
        if (n.isEmpty() || n.get().stripTrailingZeros().scale() > 0) {
            return Parsed.fail("is not a whole number");
        }
        if (n.get().compareTo(new BigDecimal(min)) < 0 || n.get().compareTo(new BigDecimal(max)) > 0) {
            return Parsed.fail("does not fit in " + ("int".equals(typeName) ? "an int" : "a long"));
        }
        return Parsed.ok(n.get().longValueExact());
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
