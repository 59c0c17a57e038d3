package dev.instacrud.runtime.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, as the audit log keeps it: in which organisation, what, by whom, to what, which fields
 * changed (by name only), a few non-secret details (such as a role's old and new value), and the request it came
 * from. Built with {@link #of} and the {@code with...} methods:
 *
 * <pre>{@code
 * audit.record(AuditEvent.of(orgId, AuditAction.ROLE_CHANGED, adminId)
 *         .target("User", userId)
 *         .detail("from", "USER").detail("to", "ORG_ADMIN")
 *         .request(request.requestId(), request.clientIp()));
 * }</pre>
 *
 * @param orgId the organisation whose log holds it
 * @param action what happened
 * @param actor the user who did it, or null (an unauthenticated request, such as a failed sign-in)
 * @param entity what it happened to: an entity's name, or {@code User}, {@code Invitation}, {@code Session}, {@code
 *     Organization}; null for nothing in particular
 * @param entityId that thing's id, or null
 * @param fields the names of the fields written (never their values)
 * @param details short non-secret facts, such as a role's old and new value or the OIDC provider
 * @param requestId the request's id, or null to take the one bound to this thread
 * @param ip the client's address, or null
 */
public record AuditEvent(
        String orgId,
        AuditAction action,
        String actor,
        String entity,
        String entityId,
        List<String> fields,
        Map<String, String> details,
        String requestId,
        String ip) {
    public AuditEvent {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(action, "action");
        fields = List.copyOf(fields);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An event with nothing but its organisation, action and actor. */
    public static AuditEvent of(String orgId, AuditAction action, String actor) {
        return new AuditEvent(orgId, action, actor, null, null, List.of(), Map.of(), null, null);
    }

    /** The same event about this thing. */
    public AuditEvent target(String entityName, String id) {
        return new AuditEvent(orgId, action, actor, entityName, id, fields, details, requestId, ip);
    }

    /** The same event naming the fields written. */
    public AuditEvent fields(List<String> names) {
        return new AuditEvent(orgId, action, actor, entity, entityId, names, details, requestId, ip);
    }

    /** The same event with one more detail. */
    public AuditEvent detail(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(orgId, action, actor, entity, entityId, fields, more, requestId, ip);
    }

    /** The same event, from this request and client address. */
    public AuditEvent request(String id, String clientIp) {
        return new AuditEvent(orgId, action, actor, entity, entityId, fields, details, id, clientIp);
    }

    /** The same event in another organisation's log (a user's sign-in failure is the account's organisation's). */
    public AuditEvent inOrganization(String otherOrgId) {
        return new AuditEvent(otherOrgId, action, actor, entity, entityId, fields, details, requestId, ip);
    }

    /** A one-line summary for the application log, for when the record could not be stored. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add("org=" + orgId);
        parts.add("action=" + action.wireName());
        parts.add("actor=" + actor);
        if (entity != null) {
            parts.add("entity=" + entity + (entityId == null ? "" : "/" + entityId));
        }
        if (!fields.isEmpty()) {
            parts.add("fields=" + fields);
        }
        if (!details.isEmpty()) {
            parts.add("details=" + details);
        }
        parts.add("request=" + requestId);
        return String.join(" ", parts);
    }
}
