package dev.instacrud.runtime.app;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.auth.AuthRoutes;
import dev.instacrud.runtime.auth.BearerAuthenticator;
import dev.instacrud.runtime.auth.InvitationLimits;
import dev.instacrud.runtime.auth.Invitations;
import dev.instacrud.runtime.auth.PasswordHasher;
import dev.instacrud.runtime.auth.TokenService;
import dev.instacrud.runtime.auth.UserDirectory;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.config.RateLimitStore;
import dev.instacrud.runtime.config.RateSpec;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.expiry.ExpiredRecords;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.ApiServer;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.oauth.OAuthRoutes;
import dev.instacrud.runtime.oauth.SessionCodes;
import dev.instacrud.runtime.ratelimit.InMemoryRateLimiter;
import dev.instacrud.runtime.ratelimit.MongoRateLimiter;
import dev.instacrud.runtime.ratelimit.RateLimiter;
import dev.instacrud.runtime.turnstile.TurnstileVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a generated service's HTTP server, with every protection on. A generated {@code
 * main} needs only:
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.fromSystemEnvironment();
 * InstaCrudServer server = InstaCrudServer.builder(config, systemDb).routes(entityRoutes).build();
 * int port = server.start();
 * }</pre>
 *
 * It chooses what fills the web layer ({@link ApiServer}): the users, tokens and invitations of the system
 * database, Turnstile when configured, the rate limiters of {@code RATE_LIMIT_STORE}, and the routes: the
 * account routes ({@link AuthRoutes}), the OAuth routes ({@link OAuthRoutes}), {@code GET /health} and the
 * service's own. Anything else a service serves is added here: routes through {@link Builder#routes},
 * handlers of their own (static pages) through {@link Builder#mount}.
 */
public final class InstaCrudServer {
    private static final Logger LOG = LoggerFactory.getLogger(InstaCrudServer.class);
    /** How often expired OAuth states, invitations, session codes and rate-limit windows are removed. */
    private static final Duration EXPIRY_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ApiServer server;
    private final RuntimeConfig config;
    private final ExpiredRecords expired;

    private InstaCrudServer(Builder builder) {
        this.config = builder.config;
        Clock clock = builder.clock;
        MongoDatabase db = builder.systemDb;
        UserDirectory users = new UserDirectory(db, clock);
        TokenService tokens = new TokenService(
                config.secretKey(),
                config.jwtIssuer(),
                config.jwtAudience(),
                config.accessTokenTtl(),
                config.jwtLeeway(),
                clock);
        PasswordHasher passwords = new PasswordHasher(config.bcryptCost());
        TurnstileVerifier turnstile = config.turnstileEnabled()
                ? new TurnstileVerifier(
                        config.turnstileSecretKey(), config.turnstileVerifyUrl(), config.turnstileTimeout())
                : TurnstileVerifier.DISABLED;
        Invitations invitations = new Invitations(db, clock, config.invitationTtl());
        expired = new ExpiredRecords(
                db,
                List.of(
                        Invitations.COLLECTION,
                        OAuthRoutes.STATES,
                        SessionCodes.COLLECTION,
                        MongoRateLimiter.COLLECTION),
                clock);
        expired.createTtlIndexes();

        Routes routes = new Routes();
        BooleanSupplier health = builder.health != null ? builder.health : () -> ping(db);
        routes.get("/health", request -> {
                    if (!health.getAsBoolean()) {
                        throw new ApiException(503, "Service Unavailable", "Database unavailable");
                    }
                    return ApiResponse.ok(Map.of("status", "ok"));
                })
                .publicRoute();
        InvitationLimits invitationLimits = new InvitationLimits(
                limiter(config.invitationRateLimit(), db, clock),
                limiter(config.invitationOrgRateLimit(), db, clock),
                config.maxPendingInvitations());
        routes.addAll(
                new AuthRoutes(users, passwords, tokens, invitations, invitationLimits, turnstile, config.inviteOnly())
                        .routes());
        routes.addAll(new OAuthRoutes(
                        config.oidcProviders(),
                        db,
                        users,
                        new SessionCodes(db, clock),
                        tokens,
                        clock,
                        config.publicUrl(),
                        config.frontendUrl(),
                        config.inviteOnly())
                .routes());
        routes.addAll(builder.routes);

        if (!config.rateLimitsEnabled()) {
            LOG.warn("MODE=test: rate limits are DISABLED");
        }
        ApiServer.Builder web = ApiServer.builder(config)
                .routes(routes)
                .authenticator(new BearerAuthenticator(tokens, users, config.userCacheTtl(), clock))
                .rateLimiters(limiter(config.authRateLimit(), db, clock), limiter(config.apiRateLimit(), db, clock))
                .host(builder.host)
                .maxThreads(builder.maxThreads);
        builder.mounts.forEach(web::mount);
        server = web.build();
    }

    private RateLimiter limiter(RateSpec spec, MongoDatabase db, Clock clock) {
        if (!config.rateLimitsEnabled()) {
            return RateLimiter.DISABLED;
        }
        return config.rateLimitStore() == RateLimitStore.MONGO
                ? new MongoRateLimiter(db, spec, clock)
                : new InMemoryRateLimiter(spec, clock, 100_000);
    }

    private static boolean ping(MongoDatabase db) {
        try {
            Document answer = db.runCommand(new Document("ping", 1));
            return answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
        } catch (RuntimeException e) {
            LOG.warn(
                    "health check: database did not answer ping: {}",
                    e.getClass().getSimpleName());
            return false;
        }
    }

    /** Starts a builder. */
    public static Builder builder(RuntimeConfig config, MongoDatabase systemDb) {
        return new Builder(config, systemDb);
    }

    /**
     * Starts listening.
     *
     * @return the bound port (an ephemeral one when {@code PORT=0})
     */
    public int start() throws Exception {
        int port = server.start();
        expired.start(EXPIRY_SWEEP_INTERVAL);
        LOG.info(
                "listening on {}:{} (mode {})",
                server.host(),
                port,
                config.mode().name().toLowerCase());
        if (config.mode() == Mode.DEV) {
            LOG.warn("MODE=dev: do not expose this instance; set MODE=prod with SECRET_KEY in production");
        }
        return port;
    }

    /** Stops the server and releases its port and threads. */
    public void stop() throws Exception {
        expired.close();
        server.stop();
    }

    /** Assembles a server; every setting has a secure default. */
    public static final class Builder {
        private final RuntimeConfig config;
        private final MongoDatabase systemDb;
        private final Routes routes = new Routes();
        private BooleanSupplier health;
        private Clock clock = Clock.systemUTC();
        private final Map<String, Handler> mounts = new LinkedHashMap<>();
        private String host = "0.0.0.0";
        private int maxThreads = 200;

        private Builder(RuntimeConfig config, MongoDatabase systemDb) {
            this.config = Objects.requireNonNull(config, "config");
            this.systemDb = Objects.requireNonNull(systemDb, "systemDb");
        }

        /** Adds the service's own routes (entities, documents, admin pages); call it once per table. */
        public Builder routes(Routes extra) {
            routes.addAll(extra);
            return this;
        }

        /**
         * Serves everything under {@code path} with {@code handler} instead of the routes, behind the security
         * headers, request id, CORS and traversal refusal (see {@link ApiServer.Builder#mount}).
         *
         * @throws IllegalArgumentException when the path is mounted twice; a malformed path is refused by
         *     {@link #build()}
         */
        public Builder mount(String path, Handler handler) {
            if (mounts.putIfAbsent(path, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException("mounted twice: " + path);
            }
            return this;
        }

        /** Replaces the default health check ({@code {ping: 1}} on the system database). */
        public Builder healthCheck(BooleanSupplier check) {
            this.health = check;
            return this;
        }

        /** The time source for tokens, expiries and rate-limit windows. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The interface to bind, {@code 0.0.0.0} by default; tests use {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The largest number of request threads (blocking MongoDB calls hold one each). */
        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        public InstaCrudServer build() {
            return new InstaCrudServer(this);
        }
    }
}
