package dev.instacrud.runtime.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void onlyWhatBsonHoldsIsStorable() {
        assertTrue(BsonValues.isStorable(new BigDecimal("1234567890123456789012345678901234")));
        assertTrue(BsonValues.isStorable(new BigDecimal("9.999999999999999999999999999999999E+6144")));
        assertTrue(BsonValues.isStorable(new BigDecimal("1E-6176")));
        assertFalse(BsonValues.isStorable(new BigDecimal("12345678901234567890123456789012345")));
        assertFalse(BsonValues.isStorable(new BigDecimal("1E+6145")));
        assertFalse(BsonValues.isStorable(new BigDecimal("1E-6177")));
        assertFalse(BsonValues.isStorable(new BigDecimal("1E+999999999")));
        assertTrue(BsonValues.isStorable(LocalDate.of(1, 1, 1)));
        assertTrue(BsonValues.isStorable(LocalDate.of(9999, 12, 31)));
        assertFalse(BsonValues.isStorable(LocalDate.of(0, 12, 31)));
        assertFalse(BsonValues.isStorable(LocalDate.of(10_000, 1, 1)));
        assertTrue(BsonValues.isStorable(BsonValues.MAX_INSTANT));
        assertFalse(BsonValues.isStorable(BsonValues.MAX_INSTANT.plusMillis(1)));
        assertFalse(BsonValues.isStorable(BsonValues.MIN_INSTANT.minusMillis(1)));
        assertFalse(BsonValues.isStorable(Instant.MAX));
        // a caller that skipped the check gets a plain refusal, never a wrapped overflow
        assertThrows(IllegalArgumentException.class, () -> BsonValues.fromDate(LocalDate.MAX));
        assertThrows(IllegalArgumentException.class, () -> BsonValues.fromDatetime(Instant.MIN));
        assertThrows(IllegalArgumentException.class, () -> BsonValues.fromDecimal(new BigDecimal("1E+7000")));
    }
}
