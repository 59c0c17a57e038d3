package dev.instacrud.runtime.context;

import java.time.Instant;
import java.util.Objects;

/**
 * The authenticated caller of one request, as loaded from the system database (never from the token
 * alone, so that a demotion or removal takes effect at once).
 *
 * @param userId the user's id (hex ObjectId)
 * @param email the user's email
 * @param orgId the organisation's id (hex ObjectId); tenant routing derives the database from it
 * @param role the user's role in that organisation
 * @param sessionId the session the request's token belongs to (its refresh token family), or null when the caller
 *     was not authenticated by a session token
 * @param signedInAt when that session began: when the user last proved who they are (a password or an OIDC
 *     sign-in), or null without a session
 */
public record CurrentUser(String userId, String email, String orgId, Role role, String sessionId, Instant signedInAt) {
    public CurrentUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(role, "role");
    }

    /** A caller without a session (a tool, a test, a background task acting for a user). */
    public CurrentUser(String userId, String email, String orgId, Role role) {
        this(userId, email, orgId, role, null, null);
    }

    /** The same caller, authenticated through this session. */
    public CurrentUser inSession(String session, Instant since) {
        return new CurrentUser(userId, email, orgId, role, session, since);
    }
}
