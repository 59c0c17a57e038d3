package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The signed-in user's own account: {@code GET /api/v1/me} (without any password field; with the role and whether the
 * email is verified), {@code PATCH /api/v1/me {name}} (the name others see, checked like at sign-up) and {@code
 * DELETE /api/v1/me}, which deletes the account and its private documents ({@link Members#remove}) and needs a
 * sign-in (a password or an OIDC one) less than {@link #REAUTHENTICATION} old, so a stolen or forgotten token alone
 * cannot delete an account.
 */
final class MeRoutes {
    /** How recent the sign-in of the session deleting its account must be. */
    static final Duration REAUTHENTICATION = Duration.ofMinutes(5);

    private final UserDirectory users;
    private final Members members;
    private final AuditLog audit;
    private final UserStates states;
    private final Clock clock;

    MeRoutes(UserDirectory users, Members members, AuditLog audit, UserStates states, Clock clock) {
        this.users = users;
        this.members = members;
        this.audit = audit;
        this.states = states;
        this.clock = clock;
    }

    void addTo(Routes routes) {
        routes.get("/api/v1/me", this::me);
        routes.patch("/api/v1/me", this::rename).allowReadOnly();
        routes.delete("/api/v1/me", this::delete).allowReadOnly();
    }

    private ApiResponse me(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        return ApiResponse.ok(view(caller, account(caller)));
    }

    private ApiResponse rename(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        request.requireOnlyFields("name");
        com.fasterxml.jackson.databind.JsonNode name = request.requireBody().get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.validation(List.of(dev.instacrud.runtime.error.ErrorDetail.of(
                    name == null ? "Field required" : "Input should be a valid string",
                    name == null ? "missing" : "string_type",
                    "body",
                    "name")));
        }
        String normalized = DisplayName.normalize(name.textValue(), "name");
        if (!users.setName(new ObjectId(caller.userId()), normalized)) {
            throw ApiException.unauthorized("Not authenticated");
        }
        states.forgetUser(caller.userId());
        audit.record(AuditEvent.of(caller.orgId(), AuditAction.NAME_CHANGED, caller.userId())
                .target("User", caller.userId())
                .fields(List.of("name"))
                .request(request.requestId(), request.clientIp()));
        return ApiResponse.ok(view(caller, account(caller)));
    }

    private ApiResponse delete(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        if (caller.signedInAt() == null
                || caller.signedInAt().isBefore(clock.instant().minus(REAUTHENTICATION))) {
            throw ApiException.forbidden("Sign in again to delete your account: the sign-in must be less than "
                    + REAUTHENTICATION.toMinutes() + " minutes old");
        }
        members.remove(request, caller, account(caller), AuditAction.ACCOUNT_DELETED);
        return ApiResponse.noContent();
    }

    private Document account(CurrentUser caller) {
        return users.findById(caller.userId()).orElseThrow(() -> ApiException.unauthorized("Invalid or expired token"));
    }

    private static Map<String, Object> view(CurrentUser caller, Document user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", caller.userId());
        body.put("email", user.getString("email"));
        body.put("name", user.getString("name"));
        body.put("organizationId", caller.orgId());
        body.put("role", caller.role().name());
        body.put("emailVerified", UserDirectory.isEmailVerified(user));
        body.put("createdAt", Members.instant(user, "createdAt"));
        return body;
    }
}
