package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.ApiRequest;
import java.time.Clock;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed-in sessions: starts one at each sign-in (a refresh token family and its first access token), rotates its
 * refresh token, and ends one or all of a user's. Every end is seen by {@link BearerAuthenticator} at once on this
 * instance (the cached states are forgotten) and within {@code USER_CACHE_SECONDS} on others.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final TokenService tokens;
    private final RefreshTokens refresh;
    private final UserDirectory users;
    private final UserStates states;
    private final AuditLog audit;
    private final boolean verificationRequired;
    private final Clock clock;

    Sessions(
            TokenService tokens,
            RefreshTokens refresh,
            UserDirectory users,
            UserStates states,
            AuditLog audit,
            boolean verificationRequired,
            Clock clock) {
        this.tokens = tokens;
        this.refresh = refresh;
        this.users = users;
        this.states = states;
        this.audit = audit;
        this.verificationRequired = verificationRequired;
        this.clock = clock;
    }

    /**
     * Starts a session for a user who just proved who they are (an OIDC sign-in through a one-time session code).
     *
     * @throws ApiException 401 when the user is gone or deactivated, or must verify their email first
     */
    public TokenPair signIn(String userId) {
        UserState state = users.state(userId).orElseThrow(Sessions::refused);
        if (!mayHaveTokens(state)) {
            throw refused();
        }
        return start(state);
    }

    /** Starts a session for a user whose state was just checked. */
    TokenPair start(UserState state) {
        ObjectId userId = new ObjectId(state.user().userId());
        RefreshTokens.Issued issued = refresh.start(userId);
        users.recordSignIn(userId);
        return pair(state.user().userId(), issued, state.epoch());
    }

    /**
     * Trades a refresh token for the next pair. A token already used revokes its family (reuse detection); an
     * unknown, expired or revoked one, and one of a user who may no longer have tokens, is a 401.
     */
    TokenPair refresh(String token, ApiRequest request) {
        RefreshTokens.Redemption redemption = refresh.redeem(token);
        if (redemption instanceof RefreshTokens.Reused reused) {
            states.forgetSession(reused.sessionId());
            if (reused.revokedNow()) {
                LOG.warn("refresh token reuse: session {} of user {} revoked", reused.sessionId(), reused.userId());
                orgOf(reused.userId())
                        .ifPresent(orgId -> audit.record(AuditEvent.of(orgId, AuditAction.REFRESH_REUSE_DETECTED, null)
                                .target("Session", reused.sessionId())
                                .detail("user", reused.userId().toHexString())
                                .request(request.requestId(), request.clientIp())));
            }
            throw refused();
        }
        if (!(redemption instanceof RefreshTokens.Rotated rotated)) {
            throw refused();
        }
        UserState state = users.state(rotated.userId().toHexString()).orElse(null);
        if (state == null || !mayHaveTokens(state)) {
            refresh.revoke(new ObjectId(rotated.next().sessionId()), "inactive");
            throw refused();
        }
        return pair(state.user().userId(), rotated.next(), state.epoch());
    }

    /** Ends the caller's session: its refresh tokens and access tokens stop working. */
    void signOut(CurrentUser caller) {
        if (caller.sessionId() != null) {
            refresh.revoke(new ObjectId(caller.sessionId()), "signout");
            states.forgetSession(caller.sessionId());
        }
    }

    /**
     * Ends every session of the user and moves their token epoch on, so no access token issued before works either
     * (a password change or reset, a sign-out everywhere, a deactivation, a removal).
     */
    void endAll(ObjectId userId, String reason, boolean advanceEpoch) {
        if (advanceEpoch) {
            users.advanceEpoch(userId);
        }
        refresh.revokeAll(userId, reason);
        states.forgetUser(userId.toHexString());
        states.forgetSessions();
    }

    /** Forgets every session of a deleted user. */
    void deleteAll(ObjectId userId) {
        refresh.deleteAll(userId);
        states.forgetUser(userId.toHexString());
        states.forgetSessions();
    }

    private boolean mayHaveTokens(UserState state) {
        return state.active() && (!verificationRequired || state.emailVerified());
    }

    private TokenPair pair(String userId, RefreshTokens.Issued issued, long epoch) {
        IssuedToken access = tokens.issue(userId, issued.sessionId(), epoch);
        long refreshSeconds = Math.max(
                0, issued.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        return new TokenPair(access, issued.token(), refreshSeconds);
    }

    private Optional<String> orgOf(ObjectId userId) {
        return users.state(userId.toHexString()).map(state -> state.user().orgId());
    }

    private static ApiException refused() {
        return ApiException.unauthorized("Invalid or expired token");
    }
}
