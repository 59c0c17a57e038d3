package dev.instacrud.runtime.mapping;

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
 * The conversions between the spec's types and BSON, in one place so every generated mapping stores the
 * same value the same way: decimals as Decimal128 (exact), dates as the UTC midnight of the day,
 * datetimes as UTC instants, refs as ObjectIds. Each method passes {@code null} through.
 */
public final class BsonValues {
  private BsonValues() {}

  /** A decimal as Decimal128. */
  public static Decimal128 toBson(BigDecimal value) {
    return value == null ? null : new Decimal128(value);
  }

  /** A calendar date as the instant of its UTC midnight. */
  public static Date toBson(LocalDate value) {
    return value == null ? null : Date.from(value.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** An instant as a BSON date (millisecond precision). */
  public static Date toBson(Instant value) {
    return value == null ? null : Date.from(value);
  }

  /** A ref (hex id) as an ObjectId. */
  public static ObjectId toObjectId(String hex) {
    return hex == null ? null : new ObjectId(hex);
  }

  /** Each item of a list converted, or null. */
  public static <T, R> List<R> toBson(List<T> values, Function<T, R> item) {
    if (values == null) {
      return null;
    }
    List<R> out = new ArrayList<>(values.size());
    for (T value : values) {
      out.add(item.apply(value));
    }
    return out;
  }

  /** A string, or null. */
  public static String string(Document doc, String key) {
    Object value = doc.get(key);
    return value == null ? null : value.toString();
  }

  /** A 32-bit integer, or null. */
  public static Integer int32(Document doc, String key) {
    Object value = doc.get(key);
    return value == null ? null : ((Number) value).intValue();
  }

  /** A 64-bit integer, or null. */
  public static Long int64(Document doc, String key) {
    Object value = doc.get(key);
    return value == null ? null : ((Number) value).longValue();
  }

  /** A double, or null. */
  public static Double float64(Document doc, String key) {
    Object value = doc.get(key);
    return value == null ? null : ((Number) value).doubleValue();
  }

  /** A boolean, or null. */
  public static Boolean bool(Document doc, String key) {
    return doc.getBoolean(key);
  }

  /** A decimal stored as Decimal128 (or any number), or null. */
  public static BigDecimal decimal(Document doc, String key) {
    return decimal(doc.get(key));
  }

  /** A calendar date stored as its UTC midnight, or null. */
  public static LocalDate date(Document doc, String key) {
    return date(doc.get(key));
  }

  /** An instant, or null. */
  public static Instant datetime(Document doc, String key) {
    return datetime(doc.get(key));
  }

  /** A ref stored as an ObjectId, as its hex string, or null. */
  public static String id(Document doc, String key) {
    return id(doc.get(key));
  }

  /** A nested document, or null. */
  public static Document document(Document doc, String key) {
    Object value = doc.get(key);
    return value instanceof Document d ? d : null;
  }

  /** A list whose stored items are each converted by {@code item}, or null. */
  public static <T> List<T> list(Document doc, String key, Function<Object, T> item) {
    Object value = doc.get(key);
    if (!(value instanceof List<?> stored)) {
      return null;
    }
    List<T> out = new ArrayList<>(stored.size());
    for (Object o : stored) {
      out.add(item.apply(o));
    }
    return List.copyOf(out);
  }

  /** One stored decimal. */
  public static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Decimal128 d ? d.bigDecimalValue() : new BigDecimal(value.toString());
  }

  /** One stored date. */
  public static LocalDate date(Object value) {
    return value == null ? null : ((Date) value).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** One stored instant. */
  public static Instant datetime(Object value) {
    return value == null ? null : ((Date) value).toInstant();
  }

  /** One stored ObjectId, as hex. */
  public static String id(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof ObjectId o ? o.toHexString() : value.toString();
  }
}
