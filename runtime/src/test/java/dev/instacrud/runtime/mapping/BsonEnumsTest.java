package dev.instacrud.runtime.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BsonEnumsTest {
    /** Like a generated enum: the spec value is what toString() gives, not the constant's name. */
    enum Stage {
        IN_PROGRESS("in-progress"),
        DONE("done");

        private final String value;

        Stage(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    @Test
    void readsTheConstantOfAStoredSpecValue() {
        assertEquals(Stage.IN_PROGRESS, BsonEnums.asEnum(BsonValues.fromEnum(Stage.IN_PROGRESS), Stage.values()));
        assertEquals(Stage.DONE, BsonEnums.asEnum("done", Stage.values()));
        assertNull(BsonEnums.asEnum(null, Stage.values()));
    }

    @Test
    void aValueTheSpecDoesNotKnowIsAServerFault() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> BsonEnums.asEnum("IN_PROGRESS", Stage.values()));
        assertEquals("stored value not in the spec: IN_PROGRESS", e.getMessage());
    }
}
