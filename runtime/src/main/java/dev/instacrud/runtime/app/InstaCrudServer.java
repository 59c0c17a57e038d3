package dev.instacrud.runtime.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.auth.Accounts;
import dev.instacrud.runtime.auth.InvitationLimits;
import dev.instacrud.runtime.auth.Invitations;
import dev.instacrud.runtime.auth.PasswordHasher;
import dev.instacrud.runtime.auth.PrivateDocuments;
import dev.instacrud.runtime.auth.TokenService;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.config.RateLimitStore;
import dev.instacrud.runtime.config.RateSpec;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.expiry.ExpiredRecords;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.ApiServer;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.mail.MailQueue;
import dev.instacrud.runtime.mail.MailSender;
import dev.instacrud.runtime.mail.Outbox;
import dev.instacrud.runtime.mail.SmtpMailSender;
import dev.instacrud.runtime.metrics.ServiceMetrics;
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
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 * It chooses what fills the web layer ({@link ApiServer}): the accounts of the system database ({@link Accounts}:
 * users, sessions and tokens, invitations, email proof, password change and reset, member administration, and the
 * audit log's route when {@link Builder#auditLog} gives it one), account mail (SMTP when configured, else, outside
 * prod, the log and an {@link Outbox}), Turnstile when configured, the rate limiters of {@code RATE_LIMIT_STORE}, the
 * metrics, and the routes: the account routes, the OAuth routes ({@link OAuthRoutes}), the health probes and the
 * service's own. Anything else a service serves is added here: routes through {@link Builder#routes}, handlers of
 * their own (static pages) through {@link Builder#mount}, start-up work that must finish before the service is ready
 * through {@link Builder#startupTask}.
 *
 * <p>Health, all public and unlimited: {@code GET /health} (200 while the database answers a ping, 503 otherwise, as
 * before the probes existed), {@code GET /health/live} (200 while the process serves: for a liveness probe, it
 * touches no database) and {@code GET /health/ready} (200 once the {@linkplain StartupTasks start-up tasks} are done
 * and while the database answers and the server is not stopping; otherwise 503 saying why: for a readiness probe or
 * a load balancer).
 */
public final class InstaCrudServer {
    private static final Logger LOG = LoggerFactory.getLogger(InstaCrudServer.class);
    /**
     * How often expired OAuth states, invitations, session codes, rate-limit windows, sessions, refresh tokens and
     * link tokens are removed.
     */
    private static final Duration EXPIRY_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ApiServer server;
    private final RuntimeConfig config;
    private final StartupTasks startupTasks;
    private final Consumer<Throwable> onStartupFailure;
    private volatile boolean stopping;
    private final ExpiredRecords expired;
    private final MailQueue mail;
    private final Outbox outbox;
    private final Accounts accounts;
    private final List<String> routeNames;

    private InstaCrudServer(Builder builder) {
        this.config = builder.config;
        this.startupTasks = builder.startupTasks;
        this.onStartupFailure = builder.onStartupFailure;
        ServiceMetrics metrics = builder.metrics;
        Clock clock = builder.clock;
        MongoDatabase db = builder.systemDb;
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
        List<String> expiring = new java.util.ArrayList<>(List.of(
                Invitations.COLLECTION, OAuthRoutes.STATES, SessionCodes.COLLECTION, MongoRateLimiter.COLLECTION));
        expiring.addAll(Accounts.EXPIRING_COLLECTIONS);
        expired = new ExpiredRecords(db, expiring, clock);
        expired.createTtlIndexes();
        MailSender sender;
        if (config.smtp() != null) {
            sender = new SmtpMailSender(config.smtp(), clock);
            outbox = null;
        } else {
            outbox = new Outbox(200, config.mode() != Mode.PROD);
            sender = outbox;
            LOG.warn("no SMTP server configured: account mail goes to the log (set SMTP_URL or SMTP_HOST)");
        }
        mail = new MailQueue(sender, 1000);

        Routes routes = new Routes();
        BooleanSupplier health = builder.health != null ? builder.health : () -> ping(db);
        routes.get("/health", request -> {
                    if (!health.getAsBoolean()) {
                        throw new ApiException(503, "Service Unavailable", "Database unavailable");
                    }
                    return ApiResponse.ok(Map.of("status", "ok"));
                })
                .publicRoute();
        routes.get("/health/live", request -> ApiResponse.ok(Map.of("status", "ok")))
                .publicRoute()
                .nonBlocking();
        routes.get("/health/ready", request -> {
                    String reason = notReadyReason(health);
                    if (reason != null) {
                        throw new ApiException(503, "Service Unavailable", reason);
                    }
                    return ApiResponse.ok(Map.of("status", "ready"));
                })
                .publicRoute();
        InvitationLimits invitationLimits = new InvitationLimits(
                limiter(config.invitationRateLimit(), db, clock),
                limiter(config.invitationOrgRateLimit(), db, clock),
                config.maxPendingInvitations());
        accounts = Accounts.builder(db, tokens, passwords, invitations, mail, clock)
                .invitationLimits(invitationLimits)
                .turnstile(turnstile)
                .inviteOnly(config.inviteOnly())
                .emailVerificationRequired(config.emailVerificationRequired())
                .sessions(config.refreshTokenTtl(), config.sessionMaxAge())
                .userCacheTtl(config.userCacheTtl())
                .mail(
                        builder.serviceName,
                        config.emailVerificationUrl(),
                        config.passwordResetUrl(),
                        limiter(config.mailRateLimit(), db, clock))
                .linkLifetimes(config.emailVerificationTtl(), config.passwordResetTtl())
                .auditLog(builder.auditLog)
                .privateDocuments(builder.privateDocuments)
                .metrics(metrics)
                .build();
        routes.addAll(accounts.routes());
        routes.addAll(new OAuthRoutes(
                        config.oidcProviders(),
                        db,
                        accounts.users(),
                        new SessionCodes(db, clock),
                        accounts.sessions(),
                        builder.auditLog,
                        clock,
                        config.publicUrl(),
                        config.frontendUrl(),
                        config.inviteOnly(),
                        metrics)
                .routes());
        routes.addAll(builder.routes);
        if (builder.openApi != null) {
            ObjectNode document = OpenApiDocument.served(
                    builder.openApi.orElse(null),
                    routes.all(),
                    config.oidcProviders().stream().map(p -> p.name()).toList());
            routes.get("/api/v1/openapi.json", request -> ApiResponse.ok(document))
                    .publicRoute()
                    .nonBlocking();
        }

        routeNames = routes.all().stream()
                .map(route -> route.method() + " " + route.template())
                .toList();
        if (!config.rateLimitsEnabled()) {
            LOG.warn("MODE=test: rate limits are DISABLED");
        }
        ApiServer.Builder web = ApiServer.builder(config)
                .routes(routes)
                .authenticator(accounts.authenticator())
                .metrics(metrics)
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

    private String notReadyReason(BooleanSupplier health) {
        if (stopping) {
            return "Stopping";
        }
        String starting = startupTasks.notReadyReason();
        if (starting != null) {
            return starting;
        }
        return health.getAsBoolean() ? null : "Database unavailable";
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
        if (server.metricsPort() >= 0) {
            LOG.info(
                    "metrics on {}:{}/metrics",
                    config.metricsHost() != null ? config.metricsHost() : server.host(),
                    server.metricsPort());
        }
        if (config.mode() == Mode.DEV) {
            LOG.warn("MODE=dev: do not expose this instance; set MODE=prod with SECRET_KEY in production");
        }
        startupTasks.start(onStartupFailure);
        return port;
    }

    /** The bound port of the metrics listener ({@code METRICS_PORT}), or -1 when there is none. */
    public int metricsPort() {
        return server.metricsPort();
    }

    /** The start-up tasks: {@link StartupTasks#await} waits until the service is ready. */
    public StartupTasks startupTasks() {
        return startupTasks;
    }

    /** Every route the server answers, as {@code METHOD /template}, in the order they were added. */
    public List<String> routes() {
        return routeNames;
    }

    /**
     * The mail sent so far, when no SMTP server is configured (dev and test): what a test or a tool reads instead of
     * a mailbox. Empty with SMTP.
     */
    public Optional<Outbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    /** Waits until every queued account mail was handed to the SMTP server (or the outbox) or dropped. */
    public boolean awaitMail(Duration timeout) throws InterruptedException {
        return mail.awaitIdle(timeout);
    }

    /**
     * Stops gracefully: readiness turns to 503, the port stops accepting, requests in flight get up to {@code
     * SHUTDOWN_TIMEOUT_SECONDS} to finish, then the threads are released; queued mail gets a few seconds to go out.
     */
    public void stop() throws Exception {
        stopping = true;
        expired.close();
        server.stop();
        accounts.close();
        mail.close();
    }

    /** Assembles a server; every setting has a secure default. */
    public static final class Builder {
        private final RuntimeConfig config;
        private final MongoDatabase systemDb;
        private final Routes routes = new Routes();
        private final StartupTasks startupTasks = new StartupTasks();
        private Consumer<Throwable> onStartupFailure = failure -> {};
        private ServiceMetrics metrics;
        private BooleanSupplier health;
        private Clock clock = Clock.systemUTC();
        private final Map<String, Handler> mounts = new LinkedHashMap<>();
        private String host = "0.0.0.0";
        private int maxThreads = 200;
        private String serviceName = "InstaCRUD";
        private AuditLog auditLog = AuditLog.APPLICATION_LOG_ONLY;
        private PrivateDocuments privateDocuments = PrivateDocuments.NONE;
        private Optional<JsonNode> openApi;

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

        /**
         * Adds work to run once the server listens, before {@code /health/ready} answers 200 (index builds,
         * migrations); tasks run in the order added, on one background thread. Names are lower-case words.
         */
        public Builder startupTask(String name, StartupTasks.Task task) {
            startupTasks.add(name, task);
            return this;
        }

        /** What to do when a start-up task fails (the service's {@code main} stops); by default only logged. */
        public Builder onStartupFailure(Consumer<Throwable> action) {
            this.onStartupFailure = Objects.requireNonNull(action);
            return this;
        }

        /** Where the service counts; a registry of its own by default. */
        public Builder metrics(ServiceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
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

        /** The service's name, as account mail calls it. */
        public Builder serviceName(String name) {
            this.serviceName = Objects.requireNonNull(name);
            return this;
        }

        /**
         * Where security events are recorded, and what {@code GET /api/v1/audit} reads (a generated service passes
         * the data layer's, which keeps each organisation's log in its own database). Without one, events go to the
         * application log only and the audit route is not served.
         */
        public Builder auditLog(AuditLog log) {
            this.auditLog = Objects.requireNonNull(log);
            return this;
        }

        /** Deletes the private documents of a removed account (a generated service passes the data layer's). */
        public Builder privateDocuments(PrivateDocuments documents) {
            this.privateDocuments = Objects.requireNonNull(documents);
            return this;
        }

        /**
         * Serves {@code GET /api/v1/openapi.json}: this generated document (or, when null, none) merged with the
         * description of the routes the runtime serves ({@link OpenApiDocument}).
         */
        public Builder openApi(JsonNode generated) {
            this.openApi = Optional.ofNullable(generated);
            return this;
        }

        public InstaCrudServer build() {
            if (metrics == null) {
                metrics = new ServiceMetrics();
            }
            return new InstaCrudServer(this);
        }
    }
}
