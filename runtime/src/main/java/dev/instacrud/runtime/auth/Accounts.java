package dev.instacrud.runtime.auth;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.http.Authenticator;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.mail.MailQueue;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import dev.instacrud.runtime.ratelimit.RateLimiter;
import dev.instacrud.runtime.turnstile.TurnstileVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The account lifecycle of a service, assembled once: sign-up, sign-in, refresh and sign-out ({@link AuthRoutes}),
 * email proof ({@link EmailVerification}), password change and reset ({@link PasswordRoutes}), the user's own account
 * ({@link MeRoutes}), the administration of members ({@link UserAdminRoutes}) and invitations ({@link
 * InvitationRoutes}), the audit log's read route ({@link AuditRoutes}), and the {@link #authenticator()} that holds
 * every token to its session, epoch and user. The composition root builds it from the configuration:
 *
 * <pre>{@code
 * Accounts accounts = Accounts.builder(systemDb, tokens, passwords, invitations, mailQueue, clock)
 *         .auditLog(data.auditLog()).privateDocuments(data::deletePrivateDocuments).build();
 * routes.addAll(accounts.routes());
 * }</pre>
 */
public final class Accounts implements AutoCloseable {
    /**
     * The system database collections whose documents expire ({@code expiresAt}): sessions, refresh tokens, and the
     * one-time tokens of verification and reset links.
     */
    public static final List<String> EXPIRING_COLLECTIONS =
            List.of(RefreshTokens.SESSIONS, RefreshTokens.TOKENS, LinkTokens.VERIFICATIONS, LinkTokens.RESETS);

    private final UserDirectory users;
    private final Sessions sessions;
    private final BearerAuthenticator authenticator;
    private final Background background;
    private final Routes routes = new Routes();

    private Accounts(Builder b) {
        Clock clock = b.clock;
        users = new UserDirectory(b.systemDb, clock);
        RefreshTokens refresh = new RefreshTokens(b.systemDb, clock, b.refreshTokenTtl, b.sessionMaxAge);
        UserStates states = new UserStates(users, refresh, b.userCacheTtl, clock);
        authenticator = new BearerAuthenticator(b.tokens, states, b.metrics);
        sessions = new Sessions(b.tokens, refresh, users, states, b.audit, b.emailVerificationRequired, clock);
        background = new Background(1000);
        AccountMail mail = new AccountMail(
                b.mail, b.mailLimit, b.serviceName, b.verificationUrl, b.resetUrl, b.verificationTtl, b.resetTtl);
        LinkTokens verifications = new LinkTokens(b.systemDb, LinkTokens.VERIFICATIONS, clock, b.verificationTtl);
        LinkTokens resets = new LinkTokens(b.systemDb, LinkTokens.RESETS, clock, b.resetTtl);
        EmailVerification verification =
                new EmailVerification(users, verifications, mail, b.audit, background, b.turnstile, states);
        Members members = new Members(
                users,
                new AdminLock(b.systemDb, clock),
                sessions,
                verifications,
                resets,
                b.privateDocuments,
                b.audit,
                states);
        new AuthRoutes(
                        users,
                        b.passwords,
                        sessions,
                        b.invitations,
                        verification,
                        mail,
                        b.audit,
                        background,
                        b.turnstile,
                        b.inviteOnly,
                        b.emailVerificationRequired,
                        b.metrics)
                .addTo(routes);
        verification.addTo(routes);
        new PasswordRoutes(users, b.passwords, sessions, resets, mail, b.audit, background, b.turnstile).addTo(routes);
        new MeRoutes(users, members, b.audit, states, clock).addTo(routes);
        new UserAdminRoutes(users, members).addTo(routes);
        new InvitationRoutes(b.invitations, b.invitationLimits, b.audit, b.turnstile).addTo(routes);
        if (b.audit != AuditLog.APPLICATION_LOG_ONLY) {
            new AuditRoutes(b.audit).addTo(routes);
        }
    }

    /**
     * Starts assembling the accounts of a service.
     *
     * @param mail where account mail is queued
     */
    public static Builder builder(
            MongoDatabase systemDb,
            TokenService tokens,
            PasswordHasher passwords,
            Invitations invitations,
            MailQueue mail,
            Clock clock) {
        return new Builder(systemDb, tokens, passwords, invitations, mail, clock);
    }

    /** Every account route, ready to be added to the server's table. */
    public Routes routes() {
        return routes;
    }

    /** The authenticator of every non-public route. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Sessions, for a sign-in that happens elsewhere (OIDC). */
    public Sessions sessions() {
        return sessions;
    }

    /** The users of the system database. */
    public UserDirectory users() {
        return users;
    }

    /** Lets account work already accepted (reset and verification links) finish, for up to five seconds. */
    @Override
    public void close() {
        background.close();
    }

    /** Collects the settings; every one has a default but the ones {@link #builder} takes. */
    public static final class Builder {
        private final MongoDatabase systemDb;
        private final TokenService tokens;
        private final PasswordHasher passwords;
        private final Invitations invitations;
        private final MailQueue mail;
        private final Clock clock;
        private InvitationLimits invitationLimits =
                new InvitationLimits(RateLimiter.DISABLED, RateLimiter.DISABLED, 100);
        private TurnstileVerifier turnstile = TurnstileVerifier.DISABLED;
        private boolean inviteOnly;
        private boolean emailVerificationRequired;
        private Duration refreshTokenTtl = Duration.ofDays(14);
        private Duration sessionMaxAge = Duration.ofDays(90);
        private Duration userCacheTtl = Duration.ofSeconds(5);
        private Duration verificationTtl = Duration.ofHours(48);
        private Duration resetTtl = Duration.ofMinutes(30);
        private String serviceName = "InstaCRUD";
        private String verificationUrl = "http://localhost:3000/verify-email?token={token}";
        private String resetUrl = "http://localhost:3000/reset-password?token={token}";
        private RateLimiter mailLimit = RateLimiter.DISABLED;
        private AuditLog audit = AuditLog.APPLICATION_LOG_ONLY;
        private PrivateDocuments privateDocuments = PrivateDocuments.NONE;
        private ServiceMetrics metrics;

        private Builder(
                MongoDatabase systemDb,
                TokenService tokens,
                PasswordHasher passwords,
                Invitations invitations,
                MailQueue mail,
                Clock clock) {
            this.systemDb = Objects.requireNonNull(systemDb, "systemDb");
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.passwords = Objects.requireNonNull(passwords, "passwords");
            this.invitations = Objects.requireNonNull(invitations, "invitations");
            this.mail = Objects.requireNonNull(mail, "mail");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The limits of invitation creation ({@code INVITATION_*}). */
        public Builder invitationLimits(InvitationLimits limits) {
            this.invitationLimits = Objects.requireNonNull(limits);
            return this;
        }

        /** Turnstile on sign-up, sign-in, invitations, password reset and verification resend. */
        public Builder turnstile(TurnstileVerifier verifier) {
            this.turnstile = Objects.requireNonNull(verifier);
            return this;
        }

        /** Sign-up only with an invitation. */
        public Builder inviteOnly(boolean value) {
            this.inviteOnly = value;
            return this;
        }

        /** Sign-in only with a verified email. */
        public Builder emailVerificationRequired(boolean value) {
            this.emailVerificationRequired = value;
            return this;
        }

        /** A refresh token's life unused, and a session's whole life ({@code REFRESH_TOKEN_TTL_DAYS}, {@code SESSION_MAX_DAYS}). */
        public Builder sessions(Duration refreshTokenIdle, Duration maxAge) {
            this.refreshTokenTtl = Objects.requireNonNull(refreshTokenIdle);
            this.sessionMaxAge = Objects.requireNonNull(maxAge);
            return this;
        }

        /** How long user and session states are cached ({@code USER_CACHE_SECONDS}): the revocation bound. */
        public Builder userCacheTtl(Duration ttl) {
            this.userCacheTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /**
         * What account mail says and links to.
         *
         * @param name the service's name, as mail calls it
         * @param verification the verification link, {@code {token}} where its token goes
         * @param reset the password reset link, likewise
         * @param perAddress the limit of mail anyone can cause to one address ({@code MAIL_RATE_LIMIT})
         */
        public Builder mail(String name, String verification, String reset, RateLimiter perAddress) {
            this.serviceName = Objects.requireNonNull(name);
            this.verificationUrl = Objects.requireNonNull(verification);
            this.resetUrl = Objects.requireNonNull(reset);
            this.mailLimit = Objects.requireNonNull(perAddress);
            return this;
        }

        /** How long verification and reset links work. */
        public Builder linkLifetimes(Duration verification, Duration reset) {
            this.verificationTtl = Objects.requireNonNull(verification);
            this.resetTtl = Objects.requireNonNull(reset);
            return this;
        }

        /** Where security events are recorded, and {@code GET /api/v1/audit} reads (not served without one). */
        public Builder auditLog(AuditLog log) {
            this.audit = Objects.requireNonNull(log);
            return this;
        }

        /** Deletes a removed account's private documents. */
        public Builder privateDocuments(PrivateDocuments documents) {
            this.privateDocuments = Objects.requireNonNull(documents);
            return this;
        }

        /** Where refused authentications are counted; a registry of its own by default. */
        public Builder metrics(ServiceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        public Accounts build() {
            if (metrics == null) {
                metrics = new ServiceMetrics();
            }
            return new Accounts(this);
        }
    }
}
