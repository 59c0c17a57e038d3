package dev.instacrud.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.error.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** If-Match and If-None-Match as RFC 9110 section 13.1 reads them, over the tags this service sends. */
class PreconditionTest {
    static Precondition ifMatch(String value) {
        return Precondition.ifMatch(Optional.ofNullable(value));
    }

    static Precondition ifNoneMatch(String value) {
        return Precondition.ifNoneMatch(Optional.ofNullable(value));
    }

    @Test
    void theTagOfAVersionIsStrongAndQuoted() {
        assertEquals("\"7\"", Precondition.etag(7));
        assertTrue(ifMatch(Precondition.etag(7)).matches(7));
    }

    @Test
    void ifMatchComparesStrongly() {
        assertTrue(ifMatch("\"3\"").matches(3));
        assertFalse(ifMatch("\"3\"").matches(4));
        assertFalse(ifMatch("W/\"3\"").matches(3), "a weak tag never matches If-Match");
        assertTrue(ifMatch("W/\"3\"").isPresent(), "but it was sent: a write with it is a 412");
        assertTrue(ifMatch(" \"1\" ,\"3\",, \"x\"").matches(3), "a list, with empty elements ignored");
        assertFalse(ifMatch("\"abc\"").matches(0), "a tag this service never sends matches nothing");
        assertFalse(ifMatch("\"03\"").matches(3), "tags compare as strings: \"03\" is not \"3\"");
        assertTrue(ifMatch("*").matches(42));
        assertFalse(ifMatch(null).isPresent());
        assertFalse(ifMatch("  ").isPresent());
        assertFalse(ifMatch(null).matches(1));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertTrue(ifNoneMatch("W/\"3\"").matches(3));
        assertTrue(ifNoneMatch("\"2\", W/\"3\"").matches(3));
        assertFalse(ifNoneMatch("\"2\"").matches(3));
        assertTrue(ifNoneMatch("*").matches(1));
        assertFalse(ifNoneMatch(null).matches(1), "no header: never a 304");
    }

    @Test
    void aValueThatIsNotAnEntityTagListIs400SayingWhatToSend() {
        for (String bad : new String[] {"3", "\"3", "3\"", "\"a\"b\"", ",", "W/3", "\"1\" \"2\""}) {
            ApiException e = assertThrows(ApiException.class, () -> ifMatch(bad), bad);
            assertEquals(400, e.status());
            assertTrue(e.detail().contains("\"3\" (quotes included)"), e.detail());
        }
        assertEquals(
                400, assertThrows(ApiException.class, () -> ifNoneMatch("3")).status());
    }

    @Test
    void requiredWantsAVersion() {
        assertEquals(
                428,
                assertThrows(ApiException.class, () -> ifMatch(null).required()).status());
        assertEquals(
                428,
                assertThrows(ApiException.class, () -> ifMatch("*").required()).status());
        assertTrue(ifMatch("\"2\"").required().matches(2));
    }
}
