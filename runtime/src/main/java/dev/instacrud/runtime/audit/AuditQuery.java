package dev.instacrud.runtime.audit;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an administrator asks of the log: records of one actor, entity, id or action, within a time range, one page
 * at a time. Read from the query string of {@code GET /api/v1/audit} ({@code actor}, {@code entity}, {@code
 * entityId}, {@code action}, {@code from} inclusive and {@code to} exclusive as ISO-8601 instants, {@code offset},
 * {@code limit}); anything else, or a value that does not parse, is a 400 naming the parameter, so a misspelt filter
 * never silently returns the whole log.
 *
 * @param actor a user id (24 hex digits), or null for any
 * @param entity an entity name, or null for any
 * @param entityId an id, or null for any
 * @param action an action, or null for any
 * @param from the earliest time, inclusive, or null
 * @param to the time before which records are shown, or null
 * @param offset records skipped, 0 to {@link #MAX_OFFSET}
 * @param limit records shown, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(
        String actor,
        String entity,
        String entityId,
        AuditAction action,
        Instant from,
        Instant to,
        int offset,
        int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 200;
    /** The page size when none is asked. */
    public static final int DEFAULT_LIMIT = 50;
    /** The most records that can be skipped; narrow the time range to go further back. */
    public static final int MAX_OFFSET = 100_000;

    /** The query parameters {@link #parse} reads. */
    public static final Set<String> PARAMETERS =
            Set.of("actor", "entity", "entityId", "action", "from", "to", "offset", "limit");

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** Everything, newest first, the default page. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, 0, DEFAULT_LIMIT);

    /**
     * Reads the query string.
     *
     * @throws ApiException 400 naming the first unknown parameter, repeated parameter or unreadable value
     */
    public static AuditQuery parse(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw bad(parameter.getKey(), "Unknown parameter; use " + String.join(", ", sorted()));
            }
            if (parameter.getValue().size() != 1) {
                throw bad(parameter.getKey(), "Give this parameter once");
            }
        }
        String actor = text(query, "actor", OBJECT_ID, "a user id (24 hexadecimal digits)");
        String entity = text(query, "entity", NAME, "an entity name");
        String entityId = text(query, "entityId", ID, "an id");
        String actionText = text(query, "action", Pattern.compile("[a-z_]{1,64}"), "an action");
        AuditAction action = actionText == null
                ? null
                : AuditAction.fromWireName(actionText).orElseThrow(() -> bad("action", "Unknown action"));
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw bad("to", "Must be after from");
        }
        int offset = number(query, "offset", 0, 0, MAX_OFFSET);
        int limit = number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new AuditQuery(
                actor == null ? null : actor.toLowerCase(java.util.Locale.ROOT),
                entity,
                entityId,
                action,
                from,
                to,
                offset,
                limit);
    }

    private static List<String> sorted() {
        return PARAMETERS.stream().sorted().toList();
    }

    private static String text(Map<String, List<String>> query, String name, Pattern shape, String what) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        String value = values.get(0);
        if (!shape.matcher(value).matches()) {
            throw bad(name, "Expected " + what);
        }
        return value;
    }

    private static Instant instant(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(values.get(0));
            if (instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                    || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                throw bad(name, "Expected a time in the years 0001 to 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw bad(name, "Expected an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
    }

    private static int number(Map<String, List<String>> query, String name, int fallback, int min, int max) {
        List<String> values = query.get(name);
        if (values == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(values.get(0));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw bad(name, "Must be a whole number from " + min + " to " + max);
    }

    private static ApiException bad(String parameter, String message) {
        return ApiException.badRequest(
                "Invalid audit query", ErrorDetail.of(message, "invalid_parameter", "query", parameter));
    }
}
