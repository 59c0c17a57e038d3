package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.error.ApiException;
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
 * Email proof. Sign-up (and a sign-in refused for an unverified address, when verification is required) sends a
 * one-time link ({@link LinkTokens}, {@code EMAIL_VERIFICATION_TTL_HOURS}); {@code POST /api/v1/auth/verify-email
 * {token}} marks the address verified ({@link UserDirectory#markEmailVerified}, only while the account still has the
 * address the link went to); {@code POST /api/v1/auth/verify-email/resend {email}} sends a new link, answering the
 * same whether or not the address has an account (the look-up happens after the answer, {@link Background}). Both
 * are public and limited per client IP; the resend takes a Turnstile token when Turnstile is on.
 */
final class EmailVerification {
    private static final Logger LOG = LoggerFactory.getLogger(EmailVerification.class);
    static final String INVALID_LINK = "Invalid or expired link";

    private final UserDirectory users;
    private final LinkTokens tokens;
    private final AccountMail mail;
    private final AuditLog audit;
    private final Background background;
    private final TurnstileVerifier turnstile;
    private final UserStates states;

    record TokenBody(String token) {}

    record EmailBody(String email) {}

    EmailVerification(
            UserDirectory users,
            LinkTokens tokens,
            AccountMail mail,
            AuditLog audit,
            Background background,
            TurnstileVerifier turnstile,
            UserStates states) {
        this.users = users;
        this.tokens = tokens;
        this.mail = mail;
        this.audit = audit;
        this.background = background;
        this.turnstile = turnstile;
        this.states = states;
    }

    void addTo(Routes routes) {
        routes.post("/api/v1/auth/verify-email", this::verify).publicRoute().limitPerIp();
        routes.post("/api/v1/auth/verify-email/resend", this::resend)
                .publicRoute()
                .limitPerIp();
    }

    /** Sends a verification link to the user's address (subject to the per-address mail limit). */
    void send(ObjectId userId, String email, String name) {
        mail.verification(email, name, tokens.issue(userId, email));
    }

    private ApiResponse verify(ApiRequest request) {
        TokenBody body = request.bodyAs(TokenBody.class);
        LinkTokens.Grant grant = tokens.redeem(Bodies.required(body.token(), "token"))
                .orElseThrow(() -> ApiException.badRequest(INVALID_LINK));
        if (!users.markEmailVerified(grant.userId(), grant.email())) {
            throw ApiException.badRequest(INVALID_LINK); // the account changed its address, or is gone
        }
        states.forgetUser(grant.userId().toHexString());
        users.state(grant.userId().toHexString())
                .ifPresent(state -> audit.record(AuditEvent.of(
                                state.user().orgId(),
                                AuditAction.EMAIL_VERIFIED,
                                state.user().userId())
                        .target("User", state.user().userId())
                        .request(request.requestId(), request.clientIp())));
        LOG.info("user {} verified their email", grant.userId());
        return ApiResponse.noContent();
    }

    private ApiResponse resend(ApiRequest request) {
        EmailBody body = request.bodyAs(EmailBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String email = EmailAddress.normalize(Bodies.required(body.email(), "email"));
        background.run("verification resend", () -> {
            Document user = users.findByEmail(email).orElse(null);
            if (user != null && !UserDirectory.isEmailVerified(user) && UserDirectory.isActive(user)) {
                send(user.getObjectId("_id"), email, user.getString("name"));
            }
        });
        return ApiResponse.json(
                202,
                Map.of("detail", "If this address has an account that is not verified yet, a new link is on its way"));
    }
}
