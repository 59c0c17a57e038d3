package dev.instacrud.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void decimalsInABodyArriveExactly() {
        JsonNode body =
                Json.parse("{\"amount\": 12345678901234567890.120, \"small\": 0.1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                new BigDecimal("12345678901234567890.120"), body.get("amount").decimalValue());
        assertEquals(
                "12345678901234567890.120", body.get("amount").decimalValue().toPlainString());
        assertEquals(new BigDecimal("0.1"), body.get("small").decimalValue());
    }
}
