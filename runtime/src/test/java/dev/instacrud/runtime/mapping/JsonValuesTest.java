package dev.instacrud.runtime.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    enum Stage {
        WON;

        @Override
        public String toString() {
            return "won";
        }
    }

    @Test
    void valuesAsResponsesShowThem() {
        var o = JsonValues.object();
        o.set("a", JsonValues.node("x"));
        o.set("b", JsonValues.node(new BigDecimal("0.10")));
        o.set("c", JsonValues.node(LocalDate.of(2024, 5, 31)));
        o.set("d", JsonValues.node(Instant.parse("2024-05-31T12:00:00Z")));
        o.set("e", JsonValues.node(Stage.WON));
        o.set("f", JsonValues.array(List.of(1, 2), JsonValues::node));
        o.set("g", JsonValues.node(null));
        o.set("h", JsonValues.node(7L));
        o.set("i", JsonValues.node(true));
        assertEquals(
                "{\"a\":\"x\",\"b\":0.10,\"c\":\"2024-05-31\",\"d\":\"2024-05-31T12:00:00Z\",\"e\":\"won\","
                        + "\"f\":[1,2],\"g\":null,\"h\":7,\"i\":true}",
                o.toString());
    }
}
