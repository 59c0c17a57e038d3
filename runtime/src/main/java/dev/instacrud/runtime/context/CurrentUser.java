package dev.instacrud.runtime.context;

import java.util.Objects;

/**
 * The authenticated caller of one request, as loaded from the system database (never from the token
 * alone, so that a demotion or removal takes effect at once).
 *
 * @param userId the user's id (hex ObjectId)
 * @param email the user's email
 * @param orgId the organisation's id (hex ObjectId); tenant routing derives the database from it
 * @param role the user's role in that organisation
 */
public record CurrentUser(String userId, String email, String orgId, Role role) {
    public CurrentUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(role, "role");
    }
}
