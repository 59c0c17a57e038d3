package dev.instacrud.generator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {

    @Test
    void suggestsCloseWordsOnly() {
        List<String> types = List.of("string", "int", "boolean", "decimal");
        assertEquals("; did you mean 'string'?", Suggest.didYouMean("strnig", types));
        assertEquals("; did you mean 'int'?", Suggest.didYouMean("integer", types));
        assertEquals("; did you mean 'boolean'?", Suggest.didYouMean("bool", types));
        assertEquals("; did you mean 'decimal'?", Suggest.didYouMean("Decimal", types));
        assertEquals("", Suggest.didYouMean("geometry", types));
        assertEquals("", Suggest.didYouMean("x".repeat(500), types));
    }
}
