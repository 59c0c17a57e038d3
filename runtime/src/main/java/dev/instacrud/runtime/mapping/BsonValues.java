package dev.instacrud.runtime.mapping;

import dev.instacrud.runtime.GeneratedCodeApi;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The conversions between the spec's types and BSON, in one place so every generated mapping stores a
 * value the same way: decimals as Decimal128 (exact), dates as the UTC midnight of the day, datetimes as
 * UTC instants, refs as ObjectIds. The {@code from*} methods make stored values, the {@code as*} methods
 * read them back; each passes {@code null} through.
 *
 * <p>It also says what can be stored ({@code isStorable}), so input is checked against the same ranges
 * where it enters ({@code JsonInput}, {@code FilterGuard}): a Decimal128 holds 34 significant digits with
 * an exponent from -6176 to 6111 (IEEE 754-2008 decimal128), and dates are kept to the years 0001–9999,
 * the range ISO 8601 writes without a sign and MongoDB's date operators and other drivers handle (a BSON
 * date's 64-bit milliseconds reach further, a {@link Date} not as far as {@link Instant}). A {@code
 * from*} method given a value outside them throws {@link IllegalArgumentException}: input never gets
 * there, so it is a bug in the caller.
 */
@GeneratedCodeApi
public final class BsonValues {
    /** The earliest instant a date or datetime may hold: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a date or datetime may hold: 9999-12-31T23:59:59.999Z. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    private BsonValues() {}

    /** Whether a decimal fits a Decimal128 exactly (34 significant digits, exponent -6176 to 6111). */
    public static boolean isStorable(BigDecimal value) {
        try {
            new Decimal128(value);
            return true;
        } catch (NumberFormatException e) {
            return false; // needs rounding, or the exponent is out of range
        }
    }

    /** Whether a calendar date lies in the years 0001–9999. */
    public static boolean isStorable(LocalDate value) {
        return value.getYear() >= 1 && value.getYear() <= 9999;
    }

    /** Whether an instant lies in the years 0001–9999 (UTC). */
    public static boolean isStorable(Instant value) {
        return !value.isBefore(MIN_INSTANT) && !value.isAfter(MAX_INSTANT);
    }

    /** A decimal as Decimal128. */
    public static Decimal128 fromDecimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }

    /** A calendar date as the instant of its UTC midnight. */
    public static Date fromDate(LocalDate value) {
        if (value == null) {
            return null;
        }
        if (!isStorable(value)) {
            throw new IllegalArgumentException("date outside the years 0001-9999: " + value);
        }
        return Date.from(value.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** An instant as a BSON date (millisecond precision). */
    public static Date fromDatetime(Instant value) {
        if (value == null) {
            return null;
        }
        if (!isStorable(value)) {
            throw new IllegalArgumentException("instant outside the years 0001-9999: " + value);
        }
        return Date.from(value);
    }

    /** A ref (a hex id the record already checked) as an ObjectId. */
    public static ObjectId fromRef(String hex) {
        return hex == null ? null : new ObjectId(hex);
    }

    /** An enum constant by its spec value (its {@code toString()}). */
    public static String fromEnum(Enum<?> value) {
        return value == null ? null : value.toString();
    }

    /**
     * Puts a value unless it is null: an absent field stays absent in the document, so a sparse unique index
     * lets any number of documents leave it out.
     */
    public static void put(Document doc, String key, Object value) {
        if (value != null) {
            doc.put(key, value);
        }
    }

    /** Each item of a list converted by {@code item}. */
    public static <T, R> List<R> fromList(List<T> values, Function<T, R> item) {
        if (values == null) {
            return null;
        }
        List<R> out = new ArrayList<>(values.size());
        for (T value : values) {
            out.add(item.apply(value));
        }
        return out;
    }

    /** A stored string. */
    public static String asString(Object value) {
        return value == null ? null : value.toString();
    }

    /** A stored 32-bit integer. */
    public static Integer asInt(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /** A stored 64-bit integer. */
    public static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** A stored document's version: 0 for a document written before versions existed, which has none. */
    public static long asVersion(Object value) {
        return value == null ? 0L : ((Number) value).longValue();
    }

    /** A stored double. */
    public static Double asDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** A stored boolean. */
    public static Boolean asBoolean(Object value) {
        return (Boolean) value;
    }

    /** A stored decimal (Decimal128, or any number written by another client). */
    public static BigDecimal asDecimal(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Decimal128 d ? d.bigDecimalValue() : new BigDecimal(value.toString());
    }

    /** A stored calendar date (its UTC midnight). */
    public static LocalDate asDate(Object value) {
        return value == null
                ? null
                : ((Date) value).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** A stored instant. */
    public static Instant asDatetime(Object value) {
        return value == null ? null : ((Date) value).toInstant();
    }

    /** A stored ObjectId, as its hex string. */
    public static String asId(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof ObjectId o ? o.toHexString() : value.toString();
    }

    /** A stored embedded document. */
    public static Document asDocument(Object value) {
        return (Document) value;
    }

    /** A stored list, each item read by {@code item}; unmodifiable. */
    public static <T> List<T> asList(Object value, Function<Object, T> item) {
        if (value == null) {
            return null;
        }
        List<?> stored = (List<?>) value;
        List<T> out = new ArrayList<>(stored.size());
        for (Object o : stored) {
            out.add(item.apply(o));
        }
        return List.copyOf(out);
    }
}
