package dev.instacrud.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogSanitizerTest {
    @Test
    void cutsDataUrlsAndLongBase64() {
        assertEquals(
                "avatar data:image/jpeg;base64,/9j/4AA... ok",
                LogSanitizer.value("avatar data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD ok"));
        String blob = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=";
        assertEquals("file QUJDREV...", LogSanitizer.value("file " + blob));
        assertEquals("a short word stays", LogSanitizer.value("a short word stays"));
    }

    @Test
    void masksSecretsInTextAndJson() {
        String text = LogSanitizer.text(
                "password=hunter2&user=ada Authorization: Bearer abc.def.ghi \"session_code\":\"xyz\"");
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("abc.def"), text);
        assertFalse(text.contains("xyz"), text);
        assertTrue(text.contains("user=ada"), text);
        String json = LogSanitizer.json(Json.parse(
                "{\"user\":{\"name\":\"Ada\",\"password\":\"p\",\"apiSecret\":\"s\",\"tokens\":[1]},\"invitation\":\"c\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "{\"user\":{\"name\":\"Ada\",\"password\":\"***\",\"apiSecret\":\"***\",\"tokens\":\"***\"},\"invitation\":\"***\"}",
                json);
    }

    @Test
    void escapesLineBreaksAndControlCharacters() {
        assertEquals("a\\r\\nINFO fake\\u0000\\u2028", LogSanitizer.value("a\r\nINFO fake\u0000\u2028"));
        assertEquals(
                "x\\ny",
                LogSanitizer.json(Json.parse("\"x\\ny\"".getBytes(StandardCharsets.UTF_8)))
                        .replace("\"", ""));
    }

    @Test
    void throwablesAreRenderedSafely() {
        String rendered =
                LogSanitizer.throwable(new IllegalStateException("bad\r\npassword=abc", new RuntimeException("inner")));
        assertFalse(rendered.contains("\n"), rendered);
        assertFalse(rendered.contains("abc"), rendered);
        assertTrue(rendered.contains("caused by: java.lang.RuntimeException: inner"), rendered);
    }
}
