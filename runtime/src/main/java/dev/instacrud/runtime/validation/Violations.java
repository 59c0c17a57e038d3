package dev.instacrud.runtime.validation;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.error.ErrorDetail;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the rules a value breaks, so that one answer lists them all (Pydantic's behaviour). Generated
 * records call it from their compact constructors, one line per constraint of the spec:
 *
 * <pre>{@code
 * Violations v = new Violations();
 * v.required(name, "name");
 * v.maxLength(name, 80, "name");
 * v.minimum(floor, 0, "floor");
 * v.throwIfAny();
 * }</pre>
 *
 * Every check ignores a {@code null} value (absence is {@link #required}'s business), and the trailing
 * {@code loc} arguments name where the value sits (field names and list indexes). Messages and types follow
 * Pydantic's wording, so clients of the Python InstaCRUD read the same errors.
 */
@GeneratedCodeApi
public final class Violations {
    private final List<ErrorDetail> errors = new ArrayList<>();

    /** Records one violation. */
    public void add(String msg, String type, Object... loc) {
        errors.add(new ErrorDetail(Arrays.asList(loc), msg, type));
    }

    /** Records violations found below {@code prefix} (e.g. in a nested object), their locations prefixed. */
    public void addAll(List<Object> prefix, List<ErrorDetail> nested) {
        for (ErrorDetail e : nested) {
            List<Object> loc = new ArrayList<>(prefix);
            loc.addAll(e.loc());
            errors.add(new ErrorDetail(loc, e.msg(), e.type()));
        }
    }

    /** Whether nothing was broken so far. */
    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The violations so far. */
    public List<ErrorDetail> errors() {
        return List.copyOf(errors);
    }

    /** Throws a {@link ValidationException} listing every violation, if there is one. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** A required value must be present (and not JSON null). */
    public void required(Object value, Object... loc) {
        if (value == null) {
            add("Field required", "missing", loc);
        }
    }

    /** At least {@code min} characters (code points, as Python counts them). */
    public void minLength(String value, int min, Object... loc) {
        if (value != null && value.codePointCount(0, value.length()) < min) {
            add(
                    "String should have at least " + min + (min == 1 ? " character" : " characters"),
                    "string_too_short",
                    loc);
        }
    }

    /** At most {@code max} characters (code points). */
    public void maxLength(String value, int max, Object... loc) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            add(
                    "String should have at most " + max + (max == 1 ? " character" : " characters"),
                    "string_too_long",
                    loc);
        }
    }

    /** The pattern must be found in the value (JSON Schema semantics: anchor it to match the whole value). */
    public void pattern(String value, Pattern pattern, Object... loc) {
        if (value != null && !pattern.matcher(value).find()) {
            add("String should match pattern '" + pattern.pattern() + "'", "string_pattern_mismatch", loc);
        }
    }

    /** value ≥ bound. */
    public void minimum(Number value, Number bound, Object... loc) {
        if (value != null && compare(value, bound) < 0) {
            add("Input should be greater than or equal to " + show(bound), "greater_than_equal", loc);
        }
    }

    /** value ≤ bound. */
    public void maximum(Number value, Number bound, Object... loc) {
        if (value != null && compare(value, bound) > 0) {
            add("Input should be less than or equal to " + show(bound), "less_than_equal", loc);
        }
    }

    /** value &gt; bound. */
    public void exclusiveMinimum(Number value, Number bound, Object... loc) {
        if (value != null && compare(value, bound) <= 0) {
            add("Input should be greater than " + show(bound), "greater_than", loc);
        }
    }

    /** value &lt; bound. */
    public void exclusiveMaximum(Number value, Number bound, Object... loc) {
        if (value != null && compare(value, bound) >= 0) {
            add("Input should be less than " + show(bound), "less_than", loc);
        }
    }

    /** At least {@code min} items. */
    public void minItems(List<?> value, int min, Object... loc) {
        if (value != null && value.size() < min) {
            add("List should have at least " + min + (min == 1 ? " item" : " items"), "too_short", loc);
        }
    }

    /** At most {@code max} items. */
    public void maxItems(List<?> value, int max, Object... loc) {
        if (value != null && value.size() > max) {
            add("List should have at most " + max + (max == 1 ? " item" : " items"), "too_long", loc);
        }
    }

    /** No item twice. */
    public void uniqueItems(List<?> value, Object... loc) {
        if (value != null && new HashSet<>(value).size() != value.size()) {
            add("List items should be unique", "unique_items", loc);
        }
    }

    /** An e-mail address. */
    public void email(String value, Object... loc) {
        if (value != null && !Formats.isEmail(value)) {
            add("value is not a valid email address", "value_error", loc);
        }
    }

    /** An absolute http(s) URL. */
    public void url(String value, Object... loc) {
        if (value != null && !Formats.isUrl(value)) {
            add("Input should be a valid URL", "url_parsing", loc);
        }
    }

    /** A UUID in its canonical text form. */
    public void uuid(String value, Object... loc) {
        if (value != null && !Formats.isUuid(value)) {
            add("Input should be a valid UUID", "uuid_parsing", loc);
        }
    }

    /** A document id: 24 hexadecimal characters (a MongoDB ObjectId). */
    public void id(String value, Object... loc) {
        if (value != null && !Formats.isObjectId(value)) {
            add("Input should be a valid id (24 hexadecimal characters)", "id_parsing", loc);
        }
    }

    private static int compare(Number value, Number bound) {
        if (!isFinite(value) || !isFinite(bound)) {
            return Double.compare(value.doubleValue(), bound.doubleValue()); // no BigDecimal for NaN or infinity
        }
        return decimal(value).compareTo(decimal(bound));
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private static String show(Number bound) {
        return bound instanceof BigDecimal d ? d.toPlainString() : bound.toString();
    }
}
