package dev.instacrud.runtime.log;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * {@code LOG_FORMAT=json}: Logback's own {@link JsonEncoder}, one JSON object per line, with {@code timestamp}
 * (epoch milliseconds), {@code level}, {@code threadName}, {@code loggerName}, {@code mdc}, {@code
 * formattedMessage} and {@code throwable}, and the request's ids lifted to the top level as {@code requestId} and
 * {@code userId} when the line is about a request, so a log pipeline can index them without reaching into {@code
 * mdc}. The raw message template and its raw arguments are left out: the formatted message is the one the text
 * format prints, built from values the runtime has already passed through {@link LogSanitizer}; JSON escaping
 * keeps every control character inside its string, so no value can start a line of its own.
 */
public final class JsonLogEncoder extends JsonEncoder {
    /** The MDC keys lifted to the top level. */
    static final String[] LIFTED = {"requestId", "userId"};

    public JsonLogEncoder() {
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(true);
    }

    @Override
    protected void appendCustomFields(StringBuilder out, ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return;
        }
        for (String key : LIFTED) {
            String value = mdc.get(key);
            if (value != null) {
                out.append(",\"")
                        .append(key)
                        .append("\":\"")
                        .append(quote(value))
                        .append('"');
            }
        }
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
