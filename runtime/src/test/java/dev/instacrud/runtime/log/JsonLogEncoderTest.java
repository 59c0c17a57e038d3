package dev.instacrud.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code LOG_FORMAT=json}: each event is one line holding one JSON object, whatever its text holds. */
class JsonLogEncoderTest {
    private final ObjectMapper json = new ObjectMapper();

    private String encode(String message, Object[] arguments, Throwable error) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        Logger logger = context.getLogger("dev.instacrud.access");
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, message, error, arguments);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsOneLineOfJsonWithTheRequestAndUserIds() throws Exception {
        MDC.put("requestId", "5f0c2a9e1b3d4c5e6f708192");
        MDC.put("userId", "65a1b2c3d4e5f60718293a4b");
        String line;
        try {
            line = encode(
                    "GET {} {} request={}",
                    new Object[] {LogSanitizer.path("/api/v1/tasks/x\r\nFAKE 200"), 200, "5f0c2a9e1b3d4c5e6f708192"},
                    null);
        } finally {
            MDC.clear();
        }
        assertTrue(line.endsWith("\n"));
        assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
        JsonNode event = json.readTree(line);
        assertEquals("INFO", event.get("level").asText());
        assertEquals("dev.instacrud.access", event.get("loggerName").asText());
        assertTrue(event.get("timestamp").isNumber());
        assertEquals("5f0c2a9e1b3d4c5e6f708192", event.get("requestId").asText());
        assertEquals("65a1b2c3d4e5f60718293a4b", event.get("userId").asText());
        assertEquals(
                "5f0c2a9e1b3d4c5e6f708192", event.get("mdc").get("requestId").asText());
        String message = event.get("formattedMessage").asText();
        assertTrue(message.startsWith("GET /api/v1/tasks/x\\r\\nFAKE 200 200"), message);
        assertFalse(message.contains("\n"), "the sanitiser escaped the line break before JSON did");
        assertFalse(event.has("arguments"), "raw arguments are not repeated");
        assertFalse(event.has("message"), "nor the raw template");
    }

    @Test
    void controlCharactersAndQuotesStayInsideTheirString() throws Exception {
        String hostile = "a\"b\\c\nd\re\u0001f\u2028g\u2029h";
        String line = encode(hostile, null, new IllegalStateException("bad\nthing"));
        assertEquals(line.length() - 1, line.indexOf('\n'), "one line: " + line);
        JsonNode event = json.readTree(line);
        assertEquals(hostile, event.get("formattedMessage").asText());
        assertEquals("bad\nthing", event.get("throwable").get("message").asText());
        assertFalse(event.has("requestId"), "no request, no request id");
    }
}
