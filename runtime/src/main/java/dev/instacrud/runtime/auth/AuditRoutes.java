package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.audit.AuditQuery;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;

/**
 * {@code GET /api/v1/audit} (ORG_ADMIN): the caller's organisation's audit log, newest first, filtered by actor,
 * entity, id, action and time range ({@link AuditQuery}). Read-only for everyone: no route changes or deletes a
 * record; records go only when their retention ({@code AUDIT_RETENTION_DAYS}) ends.
 */
final class AuditRoutes {
    private final AuditLog audit;

    AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    void addTo(Routes routes) {
        routes.get("/api/v1/audit", this::read)
                .requireRole(Role.ORG_ADMIN)
                .queryParams(AuditQuery.PARAMETERS.toArray(String[]::new));
    }

    private ApiResponse read(ApiRequest request) {
        AuditQuery query = AuditQuery.parse(request.queryParams());
        return ApiResponse.ok(audit.read(request.requireUser().orgId(), query));
    }
}
