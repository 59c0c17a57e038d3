package dev.instacrud.runtime.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class BsonValuesTest {
  @Test
  void valuesRoundTripThroughTheirBsonForm() {
    ObjectId id = new ObjectId();
    Document doc = new Document("price", BsonValues.toBson(new BigDecimal("12.30")))
        .append("born", BsonValues.toBson(LocalDate.of(1999, 12, 31)))
        .append("seen", BsonValues.toBson(Instant.parse("2024-05-31T12:00:00.123Z")))
        .append("ward", BsonValues.toObjectId(id.toHexString()))
        .append("scores", BsonValues.toBson(List.of(1, 2), x -> x))
        .append("count", 3L);
    assertEquals(Decimal128.class, doc.get("price").getClass());
    assertEquals(new BigDecimal("12.30"), BsonValues.decimal(doc, "price"));
    assertEquals(LocalDate.of(1999, 12, 31), BsonValues.date(doc, "born"));
    assertEquals(Instant.parse("2024-05-31T12:00:00.123Z"), BsonValues.datetime(doc, "seen"));
    assertEquals(id.toHexString(), BsonValues.id(doc, "ward"));
    assertEquals(List.of(1, 2), BsonValues.list(doc, "scores", o -> ((Number) o).intValue()));
    assertEquals(3, BsonValues.int32(doc, "count"));
    assertNull(BsonValues.string(doc, "missing"));
    assertNull(BsonValues.list(doc, "missing", o -> o));
    assertNull(BsonValues.toBson((LocalDate) null));
  }
}
