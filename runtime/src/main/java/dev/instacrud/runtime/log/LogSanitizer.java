package dev.instacrud.runtime.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes any value safe to log; every log call of the runtime passes request-derived values through it.
 *
 * <ul>
 *   <li>base64 data URLs and long base64-looking runs keep their first 7 characters followed by {@code
 *       ...}, so images and files never land in logs;
 *   <li>values of secret-looking keys (passwords, secrets, tokens, session codes, invitation codes,
 *       authorization) become {@code ***}, in JSON trees and in {@code key=value} / {@code "key":"value"}
 *       text, and {@code Bearer} credentials are masked;
 *   <li>CR, LF and other control characters are escaped ({@code \r}, {@code \n}, {@code \}{@code uXXXX}),
 *       so a value can never start a forged log line (OWASP Logging Cheat Sheet, CWE-117).
 * </ul>
 */
public final class LogSanitizer {
    /** What a masked value is replaced with. */
    public static final String MASK = "***";

    private static final int KEEP = 7;
    private static final Pattern DATA_URL =
            Pattern.compile("(data:[\\w.+-]+/[\\w.+-]+(?:;[\\w-]+=[\\w-]+)*;base64,)([A-Za-z0-9+/=_-]+)");
    // 40+ characters of the base64 alphabet, at least one digit or +/ so plain words are left alone
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[^\\s\"',]+");
    private static final String SENSITIVE =
            "[\\w-]*(?:password|passwd|pwd|secret|token|session_?code|authorization|api_?key|invitation|credential|code)[\\w-]*";
    private static final Pattern KEY_VALUE =
            Pattern.compile("(?i)(\"?" + SENSITIVE + "\"?\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s,&;}\\]]+)");
    private static final Pattern SENSITIVE_KEY = Pattern.compile("(?i)" + SENSITIVE);

    private LogSanitizer() {}

    /** Whether a field of this name holds a secret that is always masked. */
    public static boolean isSensitiveKey(String key) {
        return SENSITIVE_KEY.matcher(key).matches();
    }

    /**
     * Sanitises free text such as a raw body, a header or a query string: masks secret-looking {@code
     * key=value} pairs and credentials, cuts base64, escapes control characters.
     */
    public static String text(String value) {
        if (value == null) {
            return "null";
        }
        String out = cutBase64(value);
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        out = KEY_VALUE
                .matcher(out)
                .replaceAll(m -> Matcher.quoteReplacement(
                        m.group(1) + (m.group(2).startsWith("\"") ? "\"" + MASK + "\"" : MASK)));
        return escape(out);
    }

    /** Sanitises one value that is known not to be a secret (a path, an email, an id). */
    public static String value(Object value) {
        return value == null ? "null" : escape(cutBase64(String.valueOf(value)));
    }

    /**
     * Sanitises a URL path like {@link #value}, one segment at a time: {@code /} is in the base64 alphabet,
     * so a path taken whole (such as {@code /api/v1/patients/<24-hex id>}) would be cut as if it were one
     * long base64 run, losing the entity and the id; a long base64 segment is still cut.
     */
    public static String path(String path) {
        if (path == null) {
            return "null";
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = value(segments[i]);
        }
        return String.join("/", segments);
    }

    /** Renders a JSON tree for a log line, masking secret fields at any depth. */
    public static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        appendJson(node, out);
        return out.toString();
    }

    private static void appendJson(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(escape(field.getKey())).append("\":");
                if (isSensitiveKey(field.getKey())) {
                    out.append('"').append(MASK).append('"');
                } else {
                    appendJson(field.getValue(), out);
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendJson(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            out.append('"')
                    .append(escape(cutBase64(node.textValue())).replace("\"", "\\\""))
                    .append('"');
        } else {
            out.append(node.asText());
        }
    }

    private static String cutBase64(String value) {
        String out = DATA_URL.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + keep(m.group(2))));
        return LONG_BASE64.matcher(out).replaceAll(m -> Matcher.quoteReplacement(keep(m.group())));
    }

    private static String keep(String value) {
        return value.length() <= KEEP ? value : value.substring(0, KEEP) + "...";
    }

    /**
     * Renders a throwable for a log line: class names, sanitised messages ({@link #text}) and up to 15
     * frames per cause, on one line. Exception messages often quote client input (a parser error, a bad
     * id), so a throwable is never handed to the logger raw.
     */
    public static String throwable(Throwable error) {
        StringBuilder out = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t != error) {
                out.append(" | caused by: ");
            }
            out.append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(text(t.getMessage()));
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 15); i++) {
                out.append(" | at ").append(frames[i]);
            }
        }
        return out.toString();
    }

    /** Escapes CR, LF, backslash-free control characters so one value stays on one log line. */
    public static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = null;
            if (c == '\r') {
                replacement = "\\r";
            } else if (c == '\n') {
                replacement = "\\n";
            } else if (c == '\t') {
                replacement = "\\t";
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                replacement = String.format(Locale.ROOT, "\\u%04x", (int) c);
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
