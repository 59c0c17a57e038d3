package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.log.LogSanitizer;
import dev.instacrud.runtime.turnstile.TurnstileVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account routes: {@code POST /api/v1/auth/signup}, {@code POST /api/v1/auth/signin}, {@code POST
 * /api/v1/auth/invitations} (ORG_ADMIN) and {@code GET /api/v1/me}. Sign-up and sign-in are public and
 * limited per client IP; invitation creation is limited per user and organisation ({@link
 * InvitationLimits}) and answers the same whether or not the address has an account; sign-up, sign-in
 * and invitation creation require Turnstile when it is configured. Bodies are bound strictly, so an
 * operator object such as {@code {"$gt": ""}} in place of an email or password is a 422 before any query
 * runs. Emails and names go through {@link EmailAddress} and {@link DisplayName}.
 */
public final class AuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    private static final String BAD_CREDENTIALS = "Invalid email or password";

    private final UserDirectory users;
    private final PasswordHasher passwords;
    private final TokenService tokens;
    private final Invitations invitations;
    private final InvitationLimits invitationLimits;
    private final TurnstileVerifier turnstile;
    private final boolean inviteOnly;

    record SignupBody(String email, String password, String name, String organization, String invitation) {}

    record SigninBody(String email, String password) {}

    record InvitationBody(String email, Role role) {}

    public AuthRoutes(
            UserDirectory users,
            PasswordHasher passwords,
            TokenService tokens,
            Invitations invitations,
            InvitationLimits invitationLimits,
            TurnstileVerifier turnstile,
            boolean inviteOnly) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.invitations = invitations;
        this.invitationLimits = invitationLimits;
        this.turnstile = turnstile;
        this.inviteOnly = inviteOnly;
    }

    /** The routes, ready to be added to the server's table. */
    public Routes routes() {
        Routes routes = new Routes();
        routes.post("/api/v1/auth/signup", this::signup).publicRoute().limitPerIp();
        routes.post("/api/v1/auth/signin", this::signin).publicRoute().limitPerIp();
        routes.post("/api/v1/auth/invitations", this::invite).requireRole(Role.ORG_ADMIN);
        routes.get("/api/v1/me", this::me);
        return routes;
    }

    private ApiResponse signup(ApiRequest request) {
        SignupBody body = request.bodyAs(SignupBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String email = EmailAddress.normalize(required(body.email(), "email"));
        String password = required(body.password(), "password");
        PasswordHasher.checkLength(password);
        String name = DisplayName.normalize(body.name(), "name");
        if (body.invitation() != null) {
            // role and organisation come from the invitation only, whatever else the body says; the code is
            // spent even when the email turns out to have an account (409), so one code tests one address once
            Invitations.Grant grant = invitations
                    .redeem(body.invitation(), email)
                    .orElseThrow(() -> ApiException.badRequest("Invalid or expired invitation"));
            ObjectId userId = users.createUser(UserDirectory.NewUser.withPassword(
                    email, name, passwords.hash(password), grant.orgId(), grant.role()));
            LOG.info("user {} joined organization {} as {}", userId, grant.orgId(), grant.role());
            return ApiResponse.json(
                    201,
                    Map.of(
                            "userId",
                            userId.toHexString(),
                            "organizationId",
                            grant.orgId().toHexString()));
        }
        if (inviteOnly) {
            throw ApiException.forbidden("Registration is by invitation only");
        }
        String organization = DisplayName.normalize(body.organization(), "organization");
        if (users.findByEmail(email).isPresent()) {
            throw ApiException.conflict("An account with this email already exists");
        }
        String hash = passwords.hash(password);
        ObjectId orgId = users.createOrganization(organization);
        ObjectId userId;
        try {
            userId = users.createUser(UserDirectory.NewUser.withPassword(email, name, hash, orgId, Role.ORG_ADMIN));
        } catch (ApiException e) {
            users.deleteOrganization(orgId); // lost a race for the email: leave no empty organisation behind
            throw e;
        }
        LOG.info("user {} created organization {}", userId, orgId);
        return ApiResponse.json(201, Map.of("userId", userId.toHexString(), "organizationId", orgId.toHexString()));
    }

    private ApiResponse signin(ApiRequest request) {
        SigninBody body = request.bodyAs(SigninBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String password = required(body.password(), "password");
        String email;
        try {
            email = EmailAddress.normalize(required(body.email(), "email"));
        } catch (ApiException e) {
            passwords.burnDummy(); // an unusable email costs the same as an unknown one
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        Document user = users.findByEmail(email).orElse(null);
        if (user == null) {
            passwords.burnDummy();
            LOG.info("sign-in refused for unknown email {}", LogSanitizer.value(email));
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        String hash = user.getString("passwordHash");
        if (!passwords.matches(password, hash)) {
            LOG.info("sign-in refused for {}", LogSanitizer.value(email));
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        if (passwords.needsUpgrade(hash)) {
            users.updatePasswordHash(user.getObjectId("_id"), hash, passwords.hash(password));
            LOG.info("password hash of user {} upgraded", user.getObjectId("_id"));
        }
        return ApiResponse.ok(
                tokens.issue(user.getObjectId("_id").toHexString()).body());
    }

    // The answer never depends on whether the address has an account somewhere (that is checked when the
    // invitation is redeemed), so an administrator cannot use invitations to find out who uses the service.
    private ApiResponse invite(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        invitationLimits.acquire(caller.userId(), caller.orgId());
        InvitationBody body = request.bodyAs(InvitationBody.class);
        turnstile.verify(request.header(TurnstileVerifier.HEADER).orElse(null), request.clientIp());
        String email = EmailAddress.normalize(required(body.email(), "email"));
        if (body.role() == null) {
            throw missing("role");
        }
        ObjectId orgId = new ObjectId(caller.orgId());
        // checked before the insert, so concurrent creations can pass it together (bounded by the rate limits)
        if (invitations.pending(orgId) >= invitationLimits.maxPending()) {
            throw ApiException.conflict("The organisation has " + invitationLimits.maxPending()
                    + " pending invitations, the most allowed; wait until some are used or expire");
        }
        Invitations.Created created = invitations.create(orgId, email, body.role(), caller.userId());
        LOG.info("user {} invited {} as {}", caller.userId(), LogSanitizer.value(email), body.role());
        return ApiResponse.json(
                201,
                Map.of("code", created.code(), "expiresAt", created.expiresAt().toString()));
    }

    private ApiResponse me(ApiRequest request) {
        CurrentUser caller = request.requireUser();
        Document user = users.findById(caller.userId())
                .orElseThrow(() -> ApiException.unauthorized("Invalid or expired token"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", caller.userId());
        body.put("email", user.getString("email"));
        body.put("name", user.getString("name"));
        body.put("organizationId", caller.orgId());
        body.put("role", caller.role().name());
        java.util.Date created = user.getDate("createdAt");
        body.put("createdAt", created == null ? null : created.toInstant().toString());
        return ApiResponse.ok(body);
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private static ApiException missing(String field) {
        return ApiException.validation(List.of(ErrorDetail.of("Field required", "missing", "body", field)));
    }
}
