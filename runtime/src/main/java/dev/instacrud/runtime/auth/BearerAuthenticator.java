package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.Authenticator;
import dev.instacrud.runtime.metrics.AuthFailure;
import dev.instacrud.runtime.metrics.ServiceMetrics;

/**
 * Reads {@code Authorization: Bearer <jwt>} (RFC 6750), verifies the token ({@link TokenService}: signature, times,
 * claims), then checks that it still holds: the user exists and is active (not deactivated, not being removed), the
 * token's epoch is the user's current one (a password change or reset, a sign-out everywhere or a deactivation moves
 * it on), and its session was not signed out, revoked for a refresh token reuse, or ended. The role and organisation
 * come from the database, not the token. These states are read through {@link UserStates}, so a revocation is
 * honoured at once on the instance that made it and within {@code USER_CACHE_SECONDS} everywhere else.
 *
 * <p>A missing header, another scheme, an empty or placeholder token, and a token that no longer holds are all the
 * same 401; the reason is counted in {@code instacrud_authentication_failures_total}.
 */
public final class BearerAuthenticator implements Authenticator {
    private final TokenService tokens;
    private final UserStates states;
    private final ServiceMetrics metrics;

    BearerAuthenticator(TokenService tokens, UserStates states, ServiceMetrics metrics) {
        this.tokens = tokens;
        this.states = states;
        this.metrics = metrics;
    }

    @Override
    public CurrentUser authenticate(String authorization) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            metrics.authenticationFailed(AuthFailure.MISSING_CREDENTIALS);
            throw ApiException.unauthorized("Not authenticated");
        }
        TokenService.Claims claims;
        try {
            claims = tokens.verify(authorization.substring(7).trim());
        } catch (TokenService.TokenRefused e) {
            metrics.authenticationFailed(e.reason());
            throw e;
        }
        UserState user = states.user(claims.userId()).orElseThrow(() -> refused(AuthFailure.UNKNOWN_USER));
        if (!user.active() || user.epoch() != claims.epoch()) {
            throw refused(AuthFailure.REVOKED_TOKEN);
        }
        RefreshTokens.Session session =
                states.session(claims.sessionId()).orElseThrow(() -> refused(AuthFailure.REVOKED_TOKEN));
        if (!session.active() || !session.userId().toHexString().equals(claims.userId())) {
            throw refused(AuthFailure.REVOKED_TOKEN);
        }
        return user.user().inSession(claims.sessionId(), session.signedInAt());
    }

    private ApiException refused(AuthFailure reason) {
        metrics.authenticationFailed(reason);
        return revoked();
    }

    private static ApiException revoked() {
        return ApiException.unauthorized("Invalid or expired token");
    }
}
