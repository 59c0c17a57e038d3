package dev.instacrud.runtime.auth;

import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The organisation's members, for its ORG_ADMINs:
 *
 * <ul>
 *   <li>{@code GET /api/v1/users?role=&emailVerified=&active=&offset=&limit=}: a page of members by email;
 *   <li>{@code GET /api/v1/users/{id}}: one member;
 *   <li>{@code PUT /api/v1/users/{id}/role {role}}: changes the role;
 *   <li>{@code POST /api/v1/users/{id}/deactivate} and {@code .../reactivate}: a deactivated member can neither sign
 *       in nor use a token (refused on their next request), until reactivated (and signed in again);
 *   <li>{@code DELETE /api/v1/users/{id}}: removes the member from the organisation (the account is deleted, with
 *       its private documents; see {@link Members}).
 * </ul>
 *
 * A member of another organisation is a 404, like an unknown id. The last active ORG_ADMIN cannot be demoted,
 * deactivated or removed (409).
 */
final class UserAdminRoutes {
    private static final Set<String> LIST_PARAMETERS = Set.of("role", "emailVerified", "active", "offset", "limit");
    private static final int MAX_LIMIT = 200;

    private final UserDirectory users;
    private final Members members;

    record RoleBody(Role role) {}

    UserAdminRoutes(UserDirectory users, Members members) {
        this.users = users;
        this.members = members;
    }

    void addTo(Routes routes) {
        routes.get("/api/v1/users", this::list)
                .requireRole(Role.ORG_ADMIN)
                .queryParams(LIST_PARAMETERS.toArray(String[]::new));
        routes.get("/api/v1/users/{id}", this::get).requireRole(Role.ORG_ADMIN);
        routes.put("/api/v1/users/{id}/role", this::setRole).requireRole(Role.ORG_ADMIN);
        routes.post("/api/v1/users/{id}/deactivate", this::deactivate).requireRole(Role.ORG_ADMIN);
        routes.post("/api/v1/users/{id}/reactivate", this::reactivate).requireRole(Role.ORG_ADMIN);
        routes.delete("/api/v1/users/{id}", this::remove).requireRole(Role.ORG_ADMIN);
    }

    private ApiResponse list(ApiRequest request) {
        Map<String, List<String>> query = request.queryParams();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!LIST_PARAMETERS.contains(parameter.getKey())) {
                throw badParameter(
                        parameter.getKey(),
                        "Unknown parameter; use "
                                + String.join(
                                        ", ", LIST_PARAMETERS.stream().sorted().toList()));
            }
            if (parameter.getValue().size() != 1) {
                throw badParameter(parameter.getKey(), "Give this parameter once");
            }
        }
        List<Bson> filters = new ArrayList<>();
        request.queryParam("role")
                .ifPresent(role -> filters.add(Filters.eq("role", role(role).name())));
        request.queryParam("emailVerified")
                .ifPresent(v -> filters.add(
                        bool(v, "emailVerified")
                                ? Filters.eq("emailVerified", true)
                                : Filters.ne("emailVerified", true)));
        request.queryParam("active")
                .ifPresent(v -> filters.add(Filters.exists(UserDirectory.DEACTIVATED_AT, !bool(v, "active"))));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        int offset = number(request, "offset", 0, 0, 100_000);
        int limit = number(request, "limit", 50, 1, MAX_LIMIT);
        ObjectId orgId = new ObjectId(request.requireUser().orgId());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Document user : users.members(orgId, filter, offset, limit)) {
            items.add(Members.view(user));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("total", users.countMembers(orgId, filter));
        return ApiResponse.ok(page);
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(Members.view(member(request)));
    }

    private ApiResponse setRole(ApiRequest request) {
        Document member = member(request);
        RoleBody body = request.bodyAs(RoleBody.class);
        Role role = Bodies.required(body.role(), "role");
        return ApiResponse.ok(Members.view(members.setRole(request, request.requireUser(), member, role)));
    }

    private ApiResponse deactivate(ApiRequest request) {
        Document member = member(request);
        return ApiResponse.ok(Members.view(members.deactivate(request, request.requireUser(), member)));
    }

    private ApiResponse reactivate(ApiRequest request) {
        Document member = member(request);
        return ApiResponse.ok(Members.view(members.reactivate(request, request.requireUser(), member)));
    }

    private ApiResponse remove(ApiRequest request) {
        CurrentUser admin = request.requireUser();
        members.remove(request, admin, member(request), AuditAction.USER_REMOVED);
        return ApiResponse.noContent();
    }

    private Document member(ApiRequest request) {
        return users.member(new ObjectId(request.requireUser().orgId()), request.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("Not found"));
    }

    private static Role role(String value) {
        try {
            return Role.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw badParameter("role", "Expected ORG_ADMIN, USER or READ_ONLY");
        }
    }

    private static boolean bool(String value, String name) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw badParameter(name, "Expected true or false");
        };
    }

    private static int number(ApiRequest request, String name, int fallback, int min, int max) {
        String value = request.queryParam(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw badParameter(name, "Must be a whole number from " + min + " to " + max);
    }

    static ApiException badParameter(String name, String message) {
        return ApiException.badRequest("Invalid query", ErrorDetail.of(message, "invalid_parameter", "query", name));
    }
}
