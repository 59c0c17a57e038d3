package dev.instacrud.runtime.oauth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.auth.CountedRefusals;
import dev.instacrud.runtime.auth.DisplayName;
import dev.instacrud.runtime.auth.EmailAddress;
import dev.instacrud.runtime.auth.Hashes;
import dev.instacrud.runtime.auth.Sessions;
import dev.instacrud.runtime.auth.UserDirectory;
import dev.instacrud.runtime.auth.UserState;
import dev.instacrud.runtime.config.OidcProviderConfig;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.log.LogSanitizer;
import dev.instacrud.runtime.metrics.AuthFailure;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OIDC sign-in. {@code GET /api/v1/auth/oauth/{provider}/login} creates {@code state}, {@code nonce} and a
 * PKCE verifier, stores them (hashed state as key) in {@code oauth_states} for 10 minutes together with
 * the hash of a random value set as an HttpOnly cookie, and redirects to the provider. The callback
 * accepts the state only from the browser that holds that cookie (login CSRF, RFC 6749 section 10.12),
 * consumes it atomically, exchanges the code, validates the ID token, finds or creates the user, and
 * redirects to {@code FRONTEND_URL/oauth/callback?session_code=...}; {@code POST
 * /api/v1/auth/oauth/session} trades that code exactly once for a session's tokens ({@link Sessions#signIn}: an
 * access token and a refresh token). A deactivated account is refused at the callback (403).
 *
 * <p>Only an {@code email} claim with {@code email_verified: true} is taken as an email; without one the
 * sign-in is a 403 (no account can be made or found). A new account made from a verified email is itself
 * verified. An existing account with that email is linked only when its own email is verified ({@link
 * UserDirectory#isEmailVerified}) and it has no other identity of this provider; otherwise the answer is a
 * 409 and nothing is linked, which stops account pre-hijacking (a password sign-up with someone else's
 * address waiting for the owner's OIDC sign-in).
 */
public final class OAuthRoutes {
    /** The system database collection holding pending sign-ins (state, nonce, PKCE verifier). */
    public static final String STATES = "oauth_states";

    static final String COOKIE = "instacrud_oauth";
    private static final Logger LOG = LoggerFactory.getLogger(OAuthRoutes.class);
    private static final Duration STATE_TTL = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, OidcClient> clients = new LinkedHashMap<>();
    private final MongoCollection<Document> states;
    private final UserDirectory users;
    private final SessionCodes sessionCodes;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final String publicUrl;
    private final String frontendUrl;
    private final boolean inviteOnly;
    private final ServiceMetrics metrics;

    record SessionBody(String session_code) {}

    public OAuthRoutes(
            List<OidcProviderConfig> providers,
            MongoDatabase systemDb,
            UserDirectory users,
            SessionCodes sessionCodes,
            Sessions sessions,
            AuditLog audit,
            Clock clock,
            String publicUrl,
            String frontendUrl,
            boolean inviteOnly,
            ServiceMetrics metrics) {
        this.metrics = metrics;
        for (OidcProviderConfig provider : providers) {
            clients.put(provider.name(), new OidcClient(provider, clock));
        }
        this.states = systemDb.getCollection(STATES);
        this.users = users;
        this.sessionCodes = sessionCodes;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.frontendUrl = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        this.inviteOnly = inviteOnly;
    }

    /** The OAuth routes; the session exchange is always present, login and callback when a provider is configured. */
    public Routes routes() {
        Routes routes = new Routes();
        if (!clients.isEmpty()) {
            routes.get("/api/v1/auth/oauth/{provider}/login", this::login)
                    .publicRoute()
                    .limitPerIp();
            routes.get(
                            "/api/v1/auth/oauth/{provider}/callback",
                            CountedRefusals.of(this::callback, AuthFailure.OAUTH_REFUSED, metrics))
                    .publicRoute()
                    .limitPerIp()
                    .anyQueryParams(); // the provider's redirect: code, state, and parameters of its own
        }
        routes.post(
                        "/api/v1/auth/oauth/session",
                        CountedRefusals.of(this::session, AuthFailure.INVALID_SESSION_CODE, metrics))
                .publicRoute()
                .limitPerIp();
        return routes;
    }

    private OidcClient client(ApiRequest request) {
        OidcClient client = clients.get(request.pathParam("provider"));
        if (client == null) {
            throw ApiException.notFound("Unknown OAuth provider");
        }
        return client;
    }

    private String redirectUri(OidcClient client) {
        return publicUrl + "/api/v1/auth/oauth/" + client.provider().name() + "/callback";
    }

    private ApiResponse login(ApiRequest request) {
        OidcClient client = client(request);
        String state = random();
        String nonce = random();
        String verifier = random();
        String binding = random();
        states.insertOne(new Document("_id", Hashes.sha256(state))
                .append("provider", client.provider().name())
                .append("nonce", nonce)
                .append("verifier", verifier)
                .append("binding", Hashes.sha256(binding))
                .append("expiresAt", new Date(clock.millis() + STATE_TTL.toMillis())));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Bytes(verifier));
        String cookie = COOKIE + "=" + binding + "; Path=/api/v1/auth/oauth; HttpOnly; SameSite=Lax; Max-Age="
                + STATE_TTL.toSeconds() + (publicUrl.startsWith("https://") ? "; Secure" : "");
        return ApiResponse.redirect(client.authorizationUrl(redirectUri(client), state, nonce, challenge))
                .header("Set-Cookie", cookie);
    }

    private ApiResponse callback(ApiRequest request) {
        OidcClient client = client(request);
        if (request.queryParam("error").isPresent()) {
            LOG.info(
                    "provider {} returned error {}",
                    client.provider().name(),
                    LogSanitizer.value(request.queryParam("error").get()));
            throw ApiException.unauthorized("OAuth sign-in failed");
        }
        String state = request.queryParam("state").orElseThrow(() -> ApiException.badRequest("Missing state"));
        String code = request.queryParam("code").orElseThrow(() -> ApiException.badRequest("Missing code"));
        String binding = cookie(request.header("Cookie").orElse(""));
        if (binding == null || state.length() > 256 || code.length() > 4096) {
            throw ApiException.unauthorized("OAuth sign-in failed");
        }
        Document saved = states.findOneAndDelete(Filters.and(
                Filters.eq("_id", Hashes.sha256(state)),
                Filters.eq("provider", client.provider().name()),
                Filters.eq("binding", Hashes.sha256(binding)),
                Filters.gt("expiresAt", new Date(clock.millis()))));
        if (saved == null) {
            throw ApiException.unauthorized("OAuth sign-in failed");
        }
        OidcClient.Identity identity =
                client.exchange(code, redirectUri(client), saved.getString("verifier"), saved.getString("nonce"));
        String userId = findOrCreate(request, client.provider().name(), identity);
        UserState account = users.state(userId).orElseThrow(() -> ApiException.unauthorized("OAuth sign-in failed"));
        if (!account.active()) {
            audit.record(event(request, account.user().orgId(), AuditAction.SIGNIN_FAILED, null)
                    .target("User", userId)
                    .detail("reason", "deactivated")
                    .detail("provider", client.provider().name()));
            throw ApiException.forbidden("This account is deactivated; ask your organisation's administrator");
        }
        String sessionCode = sessionCodes.issue(userId);
        audit.record(event(request, account.user().orgId(), AuditAction.SIGNIN, userId)
                .detail("provider", client.provider().name()));
        return ApiResponse.redirect(frontendUrl + "/oauth/callback?session_code=" + sessionCode)
                .header("Set-Cookie", COOKIE + "=; Path=/api/v1/auth/oauth; HttpOnly; SameSite=Lax; Max-Age=0");
    }

    // Account pre-hijacking: anyone can sign up with someone else's email and a password, so an identity is
    // linked to an existing account only when that account proved the email itself (emailVerified), and
    // only a provider-verified email is an email at all.
    private String findOrCreate(ApiRequest request, String provider, OidcClient.Identity identity) {
        Document linked =
                users.findByProviderSubject(provider, identity.subject()).orElse(null);
        if (linked != null) {
            return linked.getObjectId("_id").toHexString();
        }
        if (identity.verifiedEmail() == null) {
            LOG.info("sign-in through {} refused: no verified email", provider);
            throw ApiException.forbidden("The provider did not confirm an email address for this account");
        }
        String email = EmailAddress.normalize(identity.verifiedEmail());
        Document existing = users.findByEmail(email).orElse(null);
        if (existing != null) {
            return link(request, provider, identity, existing);
        }
        if (inviteOnly) {
            throw ApiException.forbidden("Registration is by invitation only");
        }
        String name = displayName(identity.name(), email);
        ObjectId orgId = users.createOrganization(name);
        ObjectId userId =
                users.createUser(UserDirectory.NewUser.fromProvider(email, name, orgId, provider, identity.subject()));
        LOG.info("user {} created through {}", userId, provider);
        audit.record(event(request, orgId.toHexString(), AuditAction.SIGNUP, userId.toHexString())
                .detail("provider", provider));
        return userId.toHexString();
    }

    private String link(ApiRequest request, String provider, OidcClient.Identity identity, Document existing) {
        ObjectId userId = existing.getObjectId("_id");
        if (!UserDirectory.isEmailVerified(existing)) {
            LOG.info("sign-in through {} not linked to user {}: email not verified", provider, userId);
            throw ApiException.conflict(
                    "An account with this email exists and its email is not verified: sign in with your password");
        }
        if (!users.linkProvider(userId, provider, identity.subject())) {
            // already linked to another subject of this provider (a recycled address, or a race)
            LOG.info("sign-in through {} not linked to user {}: linked to another identity", provider, userId);
            throw ApiException.conflict("This account is already linked to another identity of this provider");
        }
        LOG.info("user {} linked to {}", userId, provider);
        audit.record(event(
                        request,
                        existing.getObjectId("orgId").toHexString(),
                        AuditAction.OAUTH_LINKED,
                        userId.toHexString())
                .detail("provider", provider));
        return userId.toHexString();
    }

    private static AuditEvent event(ApiRequest request, String orgId, AuditAction action, String userId) {
        return AuditEvent.of(orgId, action, userId)
                .target("User", userId)
                .request(request.requestId(), request.clientIp());
    }

    // The provider's name claim as the account's name; the email when there is none or it is refused
    // (hidden characters), since a sign-in should not fail over how the provider spells a name.
    private static String displayName(String claimed, String email) {
        if (claimed == null || claimed.isBlank()) {
            return email;
        }
        try {
            return DisplayName.normalize(claimed, "name");
        } catch (ApiException e) {
            return email;
        }
    }

    private ApiResponse session(ApiRequest request) {
        SessionBody body = request.bodyAs(SessionBody.class);
        String userId = sessionCodes.redeem(body.session_code());
        return ApiResponse.ok(sessions.signIn(userId).body());
    }

    private static String cookie(String header) {
        for (String part : header.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals(COOKIE) && !kv[1].isEmpty()) {
                return kv[1];
            }
        }
        return null;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256Bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
