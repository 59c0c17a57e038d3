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
import dev.instacrud.runtime.metrics.AuthFailure;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import dev.instacrud.runtime.turnstile.TurnstileVerifier;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing up, in and out: {@code POST /api/v1/auth/signup}, {@code /signin}, {@code /refresh} (public, limited per
 * client IP), {@code /signout} and {@code /signout-all} (the caller's session, or all of them). Sign-up and sign-in
 * require Turnstile when it is configured. Bodies are bound strictly, so an operator object such as {@code {"$gt":
 * ""}} in place of an email or password is a 422 before any query runs. Emails and names go through {@link
 * EmailAddress} and {@link DisplayName}.
 *
 * <p>With email verification optional, a sign-up answers 201 with the new ids (or 409 when the address has an
 * account: someone who may use the account at once must be told), and sends a verification link. With it required,
 * every sign-up answers the same 202, the account's owner being told by mail when the address already has one, and
 * a sign-in of an unverified account is refused like a wrong password (sending a new link), so that sign-up and
 * sign-in together cannot tell whether an address has an account.
 */
final class AuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);

    private final UserDirectory users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final Invitations invitations;
    private final EmailVerification verification;
    private final AccountMail mail;
    private final AuditLog audit;
    private final Background background;
    private final TurnstileVerifier turnstile;
    private final boolean inviteOnly;
    private final ServiceMetrics metrics;
    private final boolean verificationRequired;
    private final String badCredentials;

    record SignupBody(String email, String password, String name, String organization, String invitation) {}

    record SigninBody(String email, String password) {}

    record RefreshBody(String refresh_token) {}

    AuthRoutes(
            UserDirectory users,
            PasswordHasher passwords,
            Sessions sessions,
            Invitations invitations,
            EmailVerification verification,
            AccountMail mail,
            AuditLog audit,
            Background background,
            TurnstileVerifier turnstile,
            boolean inviteOnly,
            boolean verificationRequired,
            ServiceMetrics metrics) {
        this.metrics = metrics;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.invitations = invitations;
        this.verification = verification;
        this.mail = mail;
        this.audit = audit;
        this.background = background;
        this.turnstile = turnstile;
        this.inviteOnly = inviteOnly;
        this.verificationRequired = verificationRequired;
        this.badCredentials = verificationRequired
                ? "Invalid email or password, or the email address is not verified yet"
                : "Invalid email or password";
    }

    void addTo(Routes routes) {
        routes.post("/api/v1/auth/signup", this::signup).publicRoute().limitPerIp();
        routes.post("/api/v1/auth/signin", CountedRefusals.of(this::signin, AuthFailure.BAD_CREDENTIALS, metrics))
                .publicRoute()
                .limitPerIp();
        routes.post("/api/v1/auth/refresh", this::refresh).publicRoute().limitPerIp();
        routes.post("/api/v1/auth/signout", this::signout).allowReadOnly();
        routes.post("/api/v1/auth/signout-all", this::signoutAll).allowReadOnly();
    }

    private ApiResponse signup(ApiRequest request) {
        SignupBody body = request.bodyAs(SignupBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String email = EmailAddress.normalize(Bodies.required(body.email(), "email"));
        String password = Bodies.required(body.password(), "password");
        PasswordHasher.checkLength(password);
        String name = DisplayName.normalize(body.name(), "name");
        if (body.invitation() != null) {
            return joinByInvitation(request, body.invitation(), email, name, password);
        }
        if (inviteOnly) {
            throw ApiException.forbidden("Registration is by invitation only");
        }
        String organization = DisplayName.normalize(body.organization(), "organization");
        Document existing = users.findByEmail(email).orElse(null);
        String hash = passwords.hash(password); // paid whether or not the address is taken
        if (existing != null) {
            return taken(existing);
        }
        ObjectId orgId = users.createOrganization(organization);
        ObjectId userId;
        try {
            userId = users.createUser(UserDirectory.NewUser.withPassword(email, name, hash, orgId, Role.ORG_ADMIN));
        } catch (ApiException e) {
            users.deleteOrganization(orgId); // lost a race for the email: leave no empty organisation behind
            if (e.status() == 409 && verificationRequired) {
                return accepted();
            }
            throw e;
        }
        LOG.info("user {} created organization {}", userId, orgId);
        record(request, orgId.toHexString(), AuditAction.SIGNUP, userId.toHexString(), "User", userId.toHexString());
        verification.send(userId, email, name);
        if (verificationRequired) {
            return accepted();
        }
        return ApiResponse.json(201, Map.of("userId", userId.toHexString(), "organizationId", orgId.toHexString()));
    }

    // Role and organisation come from the invitation only, whatever else the body says; the code is spent even when
    // the email turns out to have an account (409), so one code tests one address once.
    private ApiResponse joinByInvitation(ApiRequest request, String code, String email, String name, String password) {
        Invitations.Grant grant = invitations
                .redeem(code, email)
                .orElseThrow(() -> ApiException.badRequest("Invalid or expired invitation"));
        ObjectId userId = users.createUser(
                UserDirectory.NewUser.withPassword(email, name, passwords.hash(password), grant.orgId(), grant.role()));
        LOG.info("user {} joined organization {} as {}", userId, grant.orgId(), grant.role());
        String orgId = grant.orgId().toHexString();
        audit.record(AuditEvent.of(orgId, AuditAction.INVITATION_REDEEMED, userId.toHexString())
                .target("Invitation", grant.id())
                .detail("role", grant.role().name())
                .detail("invitedBy", grant.createdBy())
                .request(request.requestId(), request.clientIp()));
        audit.record(AuditEvent.of(orgId, AuditAction.SIGNUP, userId.toHexString())
                .target("User", userId.toHexString())
                .detail("role", grant.role().name())
                .request(request.requestId(), request.clientIp()));
        verification.send(userId, email, name);
        return ApiResponse.json(201, Map.of("userId", userId.toHexString(), "organizationId", orgId));
    }

    private ApiResponse taken(Document existing) {
        if (!verificationRequired) {
            throw ApiException.conflict("An account with this email already exists");
        }
        String email = existing.getString("email");
        String name = existing.getString("name");
        background.run("sign-up notice", () -> mail.alreadyRegistered(email, name));
        return accepted();
    }

    private static ApiResponse accepted() {
        return ApiResponse.json(202, Map.of("detail", "Check your email to finish signing up"));
    }

    private ApiResponse signin(ApiRequest request) {
        SigninBody body = request.bodyAs(SigninBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String password = Bodies.required(body.password(), "password");
        String email;
        try {
            email = EmailAddress.normalize(Bodies.required(body.email(), "email"));
        } catch (ApiException e) {
            passwords.burnDummy(); // an unusable email costs the same as an unknown one
            throw ApiException.unauthorized(badCredentials);
        }
        Document user = users.findByEmail(email).orElse(null);
        if (user == null) {
            passwords.burnDummy();
            LOG.info("sign-in refused for unknown email {}", LogSanitizer.value(email));
            throw ApiException.unauthorized(badCredentials);
        }
        ObjectId userId = user.getObjectId("_id");
        String orgId = user.getObjectId("orgId").toHexString();
        String hash = user.getString("passwordHash");
        if (!passwords.matches(password, hash)) {
            LOG.info("sign-in refused for {}", LogSanitizer.value(email));
            refused(request, orgId, userId, "password");
            throw ApiException.unauthorized(badCredentials);
        }
        if (!UserDirectory.isActive(user)) {
            refused(request, orgId, userId, "deactivated");
            throw ApiException.forbidden("This account is deactivated; ask your organisation's administrator");
        }
        if (verificationRequired && !UserDirectory.isEmailVerified(user)) {
            refused(request, orgId, userId, "email_not_verified");
            verification.send(userId, email, user.getString("name"));
            throw ApiException.unauthorized(badCredentials);
        }
        if (passwords.needsUpgrade(hash)) {
            users.updatePasswordHash(userId, hash, passwords.hash(password));
            LOG.info("password hash of user {} upgraded", userId);
        }
        UserState state = UserDirectory.state(user).orElseThrow(() -> ApiException.unauthorized(badCredentials));
        TokenPair pair = sessions.start(state);
        record(request, orgId, AuditAction.SIGNIN, userId.toHexString(), "User", userId.toHexString());
        return ApiResponse.ok(pair.body());
    }

    private void refused(ApiRequest request, String orgId, ObjectId userId, String reason) {
        audit.record(AuditEvent.of(orgId, AuditAction.SIGNIN_FAILED, null)
                .target("User", userId.toHexString())
                .detail("reason", reason)
                .request(request.requestId(), request.clientIp()));
    }

    private ApiResponse refresh(ApiRequest request) {
        RefreshBody body = request.bodyAs(RefreshBody.class);
        return ApiResponse.ok(sessions.refresh(Bodies.required(body.refresh_token(), "refresh_token"), request)
                .body());
    }

    private ApiResponse signout(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        sessions.signOut(caller);
        record(request, caller.orgId(), AuditAction.SIGNOUT, caller.userId(), "Session", caller.sessionId());
        return ApiResponse.noContent();
    }

    private ApiResponse signoutAll(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        sessions.endAll(new ObjectId(caller.userId()), "signout-all", true);
        record(request, caller.orgId(), AuditAction.SIGNOUT_ALL, caller.userId(), "User", caller.userId());
        return ApiResponse.noContent();
    }

    private void record(
            ApiRequest request, String orgId, AuditAction action, String actor, String entity, String entityId) {
        audit.record(AuditEvent.of(orgId, action, actor)
                .target(entity, entityId)
                .request(request.requestId(), request.clientIp()));
    }
}
