package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.Authenticator;

/**
 * Reads {@code Authorization: Bearer <jwt>} (RFC 6750), verifies the token ({@link TokenService}: signature, times,
 * claims), then checks that it still holds: the user exists and is active (not deactivated, not being removed), the
 * token's epoch is the user's current one (a password change or reset, a sign-out everywhere or a deactivation moves
 * it on), and its session was not signed out, revoked for a refresh token reuse, or ended. The role and organisation
 * come from the database, not the token. These states are read through {@link UserStates}, so a revocation is
 * honoured at once on the instance that made it and within {@code USER_CACHE_SECONDS} everywhere else.
 *
 * <p>A missing header, another scheme, an empty or placeholder token, and a token that no longer holds are all the
 * same 401.
 */
public final class BearerAuthenticator implements Authenticator {
    private final TokenService tokens;
    private final UserStates states;

    BearerAuthenticator(TokenService tokens, UserStates states) {
        this.tokens = tokens;
        this.states = states;
    }

    @Override
    public CurrentUser authenticate(String authorization) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Not authenticated");
        }
        TokenService.Claims claims = tokens.verify(authorization.substring(7).trim());
        UserState user = states.user(claims.userId()).orElseThrow(BearerAuthenticator::revoked);
        if (!user.active() || user.epoch() != claims.epoch()) {
            throw revoked();
        }
        RefreshTokens.Session session = states.session(claims.sessionId()).orElseThrow(BearerAuthenticator::revoked);
        if (!session.active() || !session.userId().toHexString().equals(claims.userId())) {
            throw revoked();
        }
        return user.user().inSession(claims.sessionId(), session.signedInAt());
    }

    private static ApiException revoked() {
        return ApiException.unauthorized("Invalid or expired token");
    }
}
