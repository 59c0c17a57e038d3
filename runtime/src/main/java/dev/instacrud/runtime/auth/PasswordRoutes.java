package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.turnstile.TurnstileVerifier;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords after sign-up.
 *
 * <ul>
 *   <li>{@code POST /api/v1/auth/password {currentPassword, newPassword}} (signed in, limited per client IP): checks
 *       the current password, applies sign-up's rules to the new one, ends every session of the user (the token
 *       epoch moves on in the same write as the hash) and answers with a fresh {@link TokenPair} for a new one;
 *   <li>{@code POST /api/v1/auth/password-reset {email}} (public, limited per client IP, Turnstile when on): answers
 *       the same 202 at once whether or not the address has an account; the look-up, the one-time link ({@code
 *       PASSWORD_RESET_TTL_MINUTES}) and the mail happen after the answer ({@link Background});
 *   <li>{@code POST /api/v1/auth/password-reset/confirm {token, newPassword}} (public, limited per client IP):
 *       redeems the link (once, even under concurrent attempts), sets the password, marks the address verified
 *       (the link went to it), ends every session of the user, and answers 204.
 * </ul>
 *
 * Each change is audited and the owner is told by mail.
 */
final class PasswordRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordRoutes.class);

    private final UserDirectory users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final LinkTokens resets;
    private final AccountMail mail;
    private final AuditLog audit;
    private final Background background;
    private final TurnstileVerifier turnstile;

    record ChangeBody(String currentPassword, String newPassword) {}

    record ResetBody(String email) {}

    record ConfirmBody(String token, String newPassword) {}

    PasswordRoutes(
            UserDirectory users,
            PasswordHasher passwords,
            Sessions sessions,
            LinkTokens resets,
            AccountMail mail,
            AuditLog audit,
            Background background,
            TurnstileVerifier turnstile) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.resets = resets;
        this.mail = mail;
        this.audit = audit;
        this.background = background;
        this.turnstile = turnstile;
    }

    void addTo(Routes routes) {
        routes.post("/api/v1/auth/password", this::change).allowReadOnly().limitPerIp();
        routes.post("/api/v1/auth/password-reset", this::requestReset)
                .publicRoute()
                .limitPerIp();
        routes.post("/api/v1/auth/password-reset/confirm", this::confirm)
                .publicRoute()
                .limitPerIp();
    }

    private ApiResponse change(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        ChangeBody body = request.bodyAs(ChangeBody.class);
        String current = Bodies.required(body.currentPassword(), "currentPassword");
        String fresh = Bodies.required(body.newPassword(), "newPassword");
        PasswordHasher.checkLength(fresh, "newPassword");
        Document user =
                users.findById(caller.userId()).orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
        String hash = user.getString("passwordHash");
        if (hash == null) {
            throw ApiException.conflict("This account has no password yet: set one through a password reset");
        }
        if (!passwords.matches(current, hash)) {
            throw ApiException.badRequest(
                    "The current password is not correct",
                    ErrorDetail.of("Incorrect password", "invalid_password", "body", "currentPassword"));
        }
        ObjectId userId = user.getObjectId("_id");
        long epoch = users.changePassword(userId, hash, passwords.hash(fresh))
                .orElseThrow(() -> ApiException.conflict("The password was changed meanwhile; try again"));
        sessions.endAll(userId, "password-changed", false);
        resets.revokeAll(userId);
        UserState state = users.state(caller.userId())
                .filter(s -> s.epoch() == epoch && s.active())
                .orElseThrow(() -> ApiException.conflict("The account changed meanwhile; sign in again"));
        TokenPair pair = sessions.start(state);
        audit.record(AuditEvent.of(caller.orgId(), AuditAction.PASSWORD_CHANGED, caller.userId())
                .target("User", caller.userId())
                .request(request.requestId(), request.clientIp()));
        mail.passwordChanged(user.getString("email"), user.getString("name"));
        LOG.info("user {} changed their password", userId);
        return ApiResponse.ok(pair.body());
    }

    private ApiResponse requestReset(ApiRequest request) {
        ResetBody body = request.bodyAs(ResetBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String email = EmailAddress.normalize(Bodies.required(body.email(), "email"));
        String requestId = request.requestId();
        String ip = request.clientIp();
        background.run("password reset", () -> sendReset(email, requestId, ip));
        return ApiResponse.json(
                202, Map.of("detail", "If this address has an account, a link to reset its password is on its way"));
    }

    private void sendReset(String email, String requestId, String ip) {
        Document user = users.findByEmail(email).orElse(null);
        if (user == null || !UserDirectory.isActive(user)) {
            return;
        }
        ObjectId userId = user.getObjectId("_id");
        mail.passwordReset(email, user.getString("name"), resets.issue(userId, email));
        audit.record(AuditEvent.of(user.getObjectId("orgId").toHexString(), AuditAction.PASSWORD_RESET_REQUESTED, null)
                .target("User", userId.toHexString())
                .request(requestId, ip));
    }

    private ApiResponse confirm(ApiRequest request) {
        ConfirmBody body = request.bodyAs(ConfirmBody.class);
        String token = Bodies.required(body.token(), "token");
        String fresh = Bodies.required(body.newPassword(), "newPassword");
        PasswordHasher.checkLength(fresh, "newPassword"); // before the link is spent
        LinkTokens.Grant grant =
                resets.redeem(token).orElseThrow(() -> ApiException.badRequest(EmailVerification.INVALID_LINK));
        if (!users.resetPassword(grant.userId(), grant.email(), passwords.hash(fresh))) {
            throw ApiException.badRequest(EmailVerification.INVALID_LINK); // the account changed or went meanwhile
        }
        sessions.endAll(grant.userId(), "password-reset", false);
        resets.revokeAll(grant.userId());
        users.state(grant.userId().toHexString()).ifPresent(state -> {
            audit.record(AuditEvent.of(
                            state.user().orgId(),
                            AuditAction.PASSWORD_RESET,
                            state.user().userId())
                    .target("User", state.user().userId())
                    .request(request.requestId(), request.clientIp()));
            mail.passwordChanged(
                    grant.email(),
                    users.findById(state.user().userId())
                            .map(u -> u.getString("name"))
                            .orElse(null));
        });
        LOG.info("user {} reset their password", grant.userId());
        return ApiResponse.noContent();
    }
}
