package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.log.LogSanitizer;
import dev.instacrud.runtime.turnstile.TurnstileVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitations, for the organisation's ORG_ADMINs: {@code POST /api/v1/auth/invitations {email, role}} creates one
 * (limited per user and organisation, {@link InvitationLimits}; answering the same whether or not the address has an
 * account, that being checked at redemption; Turnstile when on), {@code GET /api/v1/auth/invitations} lists the
 * pending ones, {@code DELETE /api/v1/auth/invitations/{id}} withdraws one. The code is shown once, to its creator;
 * the list shows ids (the code's SHA-256), never codes.
 */
final class InvitationRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(InvitationRoutes.class);
    private static final Set<String> LIST_PARAMETERS = Set.of("offset", "limit");

    private final Invitations invitations;
    private final InvitationLimits limits;
    private final AuditLog audit;
    private final TurnstileVerifier turnstile;

    record InvitationBody(String email, Role role) {}

    InvitationRoutes(Invitations invitations, InvitationLimits limits, AuditLog audit, TurnstileVerifier turnstile) {
        this.invitations = invitations;
        this.limits = limits;
        this.audit = audit;
        this.turnstile = turnstile;
    }

    void addTo(Routes routes) {
        routes.post("/api/v1/auth/invitations", this::invite).requireRole(Role.ORG_ADMIN);
        routes.get("/api/v1/auth/invitations", this::list)
                .requireRole(Role.ORG_ADMIN)
                .queryParams(LIST_PARAMETERS.toArray(String[]::new));
        routes.delete("/api/v1/auth/invitations/{id}", this::revoke).requireRole(Role.ORG_ADMIN);
    }

    private ApiResponse invite(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        limits.acquire(caller.userId(), caller.orgId());
        InvitationBody body = request.bodyAs(InvitationBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String email = EmailAddress.normalize(Bodies.required(body.email(), "email"));
        Role role = Bodies.required(body.role(), "role");
        ObjectId orgId = new ObjectId(caller.orgId());
        // checked before the insert, so concurrent creations can pass it together (bounded by the rate limits)
        if (invitations.pending(orgId) >= limits.maxPending()) {
            throw ApiException.conflict("The organisation has " + limits.maxPending()
                    + " pending invitations, the most allowed; wait until some are used or expire");
        }
        Invitations.Created created = invitations.create(orgId, email, role, caller.userId());
        LOG.info("user {} invited {} as {}", caller.userId(), LogSanitizer.value(email), role);
        audit.record(AuditEvent.of(caller.orgId(), AuditAction.INVITATION_CREATED, caller.userId())
                .target("Invitation", created.id())
                .detail("email", email)
                .detail("role", role.name())
                .request(request.requestId(), request.clientIp()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.id());
        answer.put("code", created.code());
        answer.put("expiresAt", created.expiresAt().toString());
        return ApiResponse.json(201, answer);
    }

    private ApiResponse list(ApiRequest request) {
        for (Map.Entry<String, List<String>> parameter : request.queryParams().entrySet()) {
            if (!LIST_PARAMETERS.contains(parameter.getKey())
                    || parameter.getValue().size() != 1) {
                throw UserAdminRoutes.badParameter(parameter.getKey(), "Expected offset and limit, once each");
            }
        }
        int offset = number(request, "offset", 0, 100_000);
        int limit = request.queryParam("limit").isPresent() ? number(request, "limit", 1, 200) : 50;
        ObjectId orgId = new ObjectId(request.requireUser().orgId());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Document invitation : invitations.pendingPage(orgId, offset, limit)) {
            items.add(view(invitation));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("total", invitations.pending(orgId));
        return ApiResponse.ok(page);
    }

    private ApiResponse revoke(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        Document revoked = invitations
                .revoke(new ObjectId(caller.orgId()), request.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("Not found"));
        audit.record(AuditEvent.of(caller.orgId(), AuditAction.INVITATION_REVOKED, caller.userId())
                .target("Invitation", revoked.getString("_id"))
                .detail("email", revoked.getString("email"))
                .detail("role", revoked.getString("role"))
                .request(request.requestId(), request.clientIp()));
        return ApiResponse.noContent();
    }

    private static Map<String, Object> view(Document invitation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", invitation.getString("_id"));
        view.put("email", invitation.getString("email"));
        view.put("role", invitation.getString("role"));
        view.put("createdBy", invitation.getString("createdBy"));
        view.put("createdAt", Members.instant(invitation, "createdAt"));
        view.put("expiresAt", Members.instant(invitation, "expiresAt"));
        return view;
    }

    private static int number(ApiRequest request, String name, int min, int max) {
        String value = request.queryParam(name).orElse("0");
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw UserAdminRoutes.badParameter(name, "Must be a whole number from " + min + " to " + max);
    }
}
