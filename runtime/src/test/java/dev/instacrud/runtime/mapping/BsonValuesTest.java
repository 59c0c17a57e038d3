package dev.instacrud.runtime.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class BsonValuesTest {
    @Test
    void valuesRoundTripThroughTheirBsonForm() {
        ObjectId id = new ObjectId();
        Object price = BsonValues.fromDecimal(new BigDecimal("12.30"));
        assertEquals(Decimal128.class, price.getClass());
        assertEquals(new BigDecimal("12.30"), BsonValues.asDecimal(price));
        assertEquals(LocalDate.of(1999, 12, 31), BsonValues.asDate(BsonValues.fromDate(LocalDate.of(1999, 12, 31))));
        Instant seen = Instant.parse("2024-05-31T12:00:00.123Z");
        assertEquals(seen, BsonValues.asDatetime(BsonValues.fromDatetime(seen)));
        assertEquals(id, BsonValues.fromRef(id.toHexString()));
        assertEquals(id.toHexString(), BsonValues.asId(id));
        List<Object> stored = BsonValues.fromList(List.of(LocalDate.of(2000, 1, 1)), BsonValues::fromDate);
        assertEquals(List.of(LocalDate.of(2000, 1, 1)), BsonValues.asList(stored, BsonValues::asDate));
        assertEquals(3, BsonValues.asInt(3L));
        assertEquals(3L, BsonValues.asLong(3));
        assertNull(BsonValues.asString(null));
        assertNull(BsonValues.asList(null, BsonValues::asString));
        assertNull(BsonValues.fromDate(null));
    }
}
