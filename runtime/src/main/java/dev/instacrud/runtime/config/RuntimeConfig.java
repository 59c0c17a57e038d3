package dev.instacrud.runtime.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of a generated service, read once at start-up from environment variables and checked:
 * a bad value throws {@link ConfigException} naming the variable, so the service never starts half
 * configured. The environment is passed in as a map so tests never touch the process environment; the
 * docs/configuration.md lists every variable with its default.
 */
public final class RuntimeConfig {
    /** Cloudflare's siteverify endpoint, the default of {@code TURNSTILE_VERIFY_URL}. */
    public static final String TURNSTILE_DEFAULT_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

    private static final int MIN_SECRET_BYTES = 32;

    private final Mode mode;
    private final String mongoUrl;
    private final boolean mongoUseOrgDb;
    private final byte[] orgDbEncryptionKey;
    private final byte[] secretKey;
    private final int port;
    private final Path dataDir;
    private final List<String> corsAllowOrigins;
    private final List<String> trustedProxies;
    private final TrustedProxies trustedProxySet;
    private final RateSpec authRateLimit;
    private final RateSpec apiRateLimit;
    private final RateLimitStore rateLimitStore;
    private final int bcryptCost;
    private final String turnstileSecretKey;
    private final String turnstileSiteKey;
    private final String turnstileVerifyUrl;
    private final Duration turnstileTimeout;
    private final List<OidcProviderConfig> oidcProviders;
    private final String frontendUrl;
    private final String publicUrl;
    private final boolean adminUi;

    /** Where OAuth sign-in lands by default while the admin is served: {@code /admin/oauth/callback?session_code=}. */
    public static final String ADMIN_FRONTEND = "/admin";

    private final boolean inviteOnly;
    private final SecurityHeaders securityHeaders;
    private final long maxBodyBytes;
    private final Duration accessTokenTtl;
    private final Duration jwtLeeway;
    private final String jwtIssuer;
    private final String jwtAudience;
    private final Duration invitationTtl;
    private final RateSpec invitationRateLimit;
    private final RateSpec invitationOrgRateLimit;
    private final int maxPendingInvitations;
    private final Duration userCacheTtl;
    private final boolean jsonLogs;
    private final Duration shutdownTimeout;
    private final String metricsToken;
    private final int metricsPort;
    private final String metricsHost;
    private final List<String> orgDbAllowedHosts;
    private final Duration orgDbConnectTimeout;
    private final Duration orgDbSocketTimeout;
    private final int orgMaxConcurrentRequests;
    private final Duration orgDbRetryAfter;
    private final Duration refreshTokenTtl;
    private final Duration sessionMaxAge;
    private final boolean emailVerificationRequired;
    private final Duration emailVerificationTtl;
    private final Duration passwordResetTtl;
    private final String emailVerificationUrl;
    private final String passwordResetUrl;
    private final SmtpSettings smtp;
    private final RateSpec mailRateLimit;
    private final Duration auditRetention;

    private RuntimeConfig(Env env, SpecFloors floors) {
        if (floors.turnstile() && env.get("TURNSTILE_SECRET_KEY") == null) {
            throw new ConfigException("TURNSTILE_SECRET_KEY", SpecFloors.TURNSTILE_REQUIRED);
        }
        mode = parseMode(env.get("MODE", "dev"));
        mongoUrl = env.get("MONGO_URL");
        if (mongoUrl != null && !mongoUrl.startsWith("mongodb://") && !mongoUrl.startsWith("mongodb+srv://")) {
            throw new ConfigException("MONGO_URL", "must start with mongodb:// or mongodb+srv://");
        }
        mongoUseOrgDb = floors.orgDatabases() || env.bool("MONGO_USE_ORG_DB", false);
        orgDbEncryptionKey = parseOrgDbKey(env, mode, mongoUseOrgDb);
        port = env.integer("PORT", 8000, 0, 65535);
        dataDir = Path.of(env.get("DATA_DIR", "data"));
        secretKey = secret(env, mode, dataDir);
        corsAllowOrigins = origins(env.list("CORS_ALLOW_ORIGINS"));
        trustedProxies = env.list("TRUSTED_PROXIES");
        trustedProxySet = new TrustedProxies(trustedProxies);
        authRateLimit = RateSpec.parse("AUTH_RATE_LIMIT", env.get("AUTH_RATE_LIMIT", "5/minute"));
        apiRateLimit = RateSpec.parse("API_RATE_LIMIT", env.get("API_RATE_LIMIT", "600/minute"));
        rateLimitStore = parseRateLimitStore(env.get("RATE_LIMIT_STORE", "memory"));
        bcryptCost = env.integer("BCRYPT_COST", 12, 4, 31);
        if (mode == Mode.PROD && bcryptCost < 10) {
            throw new ConfigException("BCRYPT_COST", "must be at least 10 in prod mode");
        }
        turnstileSecretKey = env.get("TURNSTILE_SECRET_KEY");
        turnstileSiteKey = env.get("TURNSTILE_SITE_KEY");
        turnstileVerifyUrl = env.url("TURNSTILE_VERIFY_URL", TURNSTILE_DEFAULT_URL, mode);
        turnstileTimeout = Duration.ofMillis(env.integer("TURNSTILE_TIMEOUT_MS", 3000, 100, 30_000));
        publicUrl = env.url("PUBLIC_URL", "http://localhost:" + port, mode);
        adminUi = env.bool("ADMIN_UI", true) && !floors.withoutAdminUi();
        // OAuth sign-in lands where a browser can finish it: by default the admin's own callback page, as a path on
        // this service's origin (a relative redirect), so it is right whatever host and port the browser used
        frontendUrl = env.get("FRONTEND_URL") == null && adminUi
                ? ADMIN_FRONTEND
                : env.url("FRONTEND_URL", "http://localhost:3000", mode);
        inviteOnly = floors.inviteOnly() || inviteOnly(env);
        oidcProviders = OidcProviders.read(env, mode, floors.builtInProviders());
        if (mode == Mode.PROD && !oidcProviders.isEmpty() && env.get("PUBLIC_URL") == null) {
            throw new ConfigException("PUBLIC_URL", "is required in prod mode when an OAuth provider is configured");
        }
        securityHeaders = SecurityHeaders.from(env, mode);
        maxBodyBytes = env.integer("MAX_BODY_BYTES", 1_048_576, 1024, 64 * 1_048_576);
        accessTokenTtl = Duration.ofSeconds(env.integer("ACCESS_TOKEN_TTL_SECONDS", 900, 60, 86_400));
        jwtLeeway = Duration.ofSeconds(env.integer("JWT_LEEWAY_SECONDS", 5, 0, 60));
        jwtIssuer = env.get("JWT_ISSUER", "instacrud");
        jwtAudience = env.get("JWT_AUDIENCE", "instacrud-api");
        invitationTtl = Duration.ofHours(env.integer("INVITATION_TTL_HOURS", 168, 1, 24 * 90));
        invitationRateLimit = RateSpec.parse("INVITATION_RATE_LIMIT", env.get("INVITATION_RATE_LIMIT", "20/hour"));
        invitationOrgRateLimit =
                RateSpec.parse("INVITATION_ORG_RATE_LIMIT", env.get("INVITATION_ORG_RATE_LIMIT", "100/day"));
        maxPendingInvitations = env.integer("MAX_PENDING_INVITATIONS", 100, 1, 100_000);
        userCacheTtl = Duration.ofSeconds(env.integer("USER_CACHE_SECONDS", 5, 0, 60));
        jsonLogs = parseLogFormat(env.get("LOG_FORMAT", "text"));
        shutdownTimeout = Duration.ofSeconds(env.integer("SHUTDOWN_TIMEOUT_SECONDS", 20, 0, 3600));
        metricsToken = metricsToken(env);
        metricsPort = env.integer("METRICS_PORT", -1, 0, 65535);
        if (metricsPort > 0 && metricsPort == port) {
            throw new ConfigException("METRICS_PORT", "must differ from PORT (" + port + ")");
        }
        metricsHost = env.get("METRICS_HOST");
        if (metricsHost != null && metricsPort < 0) {
            throw new ConfigException("METRICS_HOST", "needs METRICS_PORT");
        }
        orgDbAllowedHosts = env.list("ORG_DB_ALLOWED_HOSTS");
        orgDbConnectTimeout = Duration.ofMillis(env.integer("ORG_DB_CONNECT_TIMEOUT_MS", 2000, 100, 60_000));
        orgDbSocketTimeout = Duration.ofMillis(env.integer("ORG_DB_SOCKET_TIMEOUT_MS", 10_000, 100, 600_000));
        orgMaxConcurrentRequests = env.integer("ORG_MAX_CONCURRENT_REQUESTS", 32, 1, 10_000);
        orgDbRetryAfter = Duration.ofSeconds(env.integer("ORG_DB_RETRY_AFTER_SECONDS", 30, 1, 3600));
        refreshTokenTtl = Duration.ofDays(env.integer("REFRESH_TOKEN_TTL_DAYS", 14, 1, 365));
        sessionMaxAge = Duration.ofDays(env.integer("SESSION_MAX_DAYS", 90, 1, 3650));
        if (sessionMaxAge.compareTo(refreshTokenTtl) < 0) {
            throw new ConfigException("SESSION_MAX_DAYS", "must be at least REFRESH_TOKEN_TTL_DAYS");
        }
        emailVerificationRequired = floors.emailVerificationRequired() || emailVerification(env);
        emailVerificationTtl = Duration.ofHours(env.integer("EMAIL_VERIFICATION_TTL_HOURS", 48, 1, 720));
        passwordResetTtl = Duration.ofMinutes(env.integer("PASSWORD_RESET_TTL_MINUTES", 30, 5, 1440));
        // links in mail must be absolute: the web admin's pages are on this service, at PUBLIC_URL
        String linkBase = frontendUrl.startsWith("/") ? stripSlash(publicUrl) + frontendUrl : stripSlash(frontendUrl);
        if (mode == Mode.PROD
                && frontendUrl.startsWith("/")
                && env.get("PUBLIC_URL") == null
                && (env.get("EMAIL_VERIFICATION_URL") == null || env.get("PASSWORD_RESET_URL") == null)) {
            throw new ConfigException(
                    "PUBLIC_URL",
                    "is required in prod mode: verification and password reset links point at it"
                            + " (or set EMAIL_VERIFICATION_URL and PASSWORD_RESET_URL)");
        }
        emailVerificationUrl =
                linkTemplate(env, "EMAIL_VERIFICATION_URL", linkBase + "/verify-email?token={token}", mode);
        passwordResetUrl = linkTemplate(env, "PASSWORD_RESET_URL", linkBase + "/reset-password?token={token}", mode);
        smtp = SmtpSettings.read(env, mode);
        if (mode == Mode.PROD && smtp == null) {
            throw new ConfigException(
                    "SMTP_URL",
                    "is required in prod mode (or SMTP_HOST): email verification and password reset send mail");
        }
        mailRateLimit = RateSpec.parse("MAIL_RATE_LIMIT", env.get("MAIL_RATE_LIMIT", "5/hour"));
        auditRetention = Duration.ofDays(env.integer("AUDIT_RETENTION_DAYS", 365, 0, 36_500));
    }

    /** Reads and checks the configuration from the given variables. */
    public static RuntimeConfig from(Map<String, String> environment) {
        return from(environment, SpecFloors.NONE);
    }

    /**
     * Reads and checks the configuration from the given variables, with a spec's floors applied.
     *
     * @throws ConfigException naming the variable that is missing or bad, {@code TURNSTILE_SECRET_KEY}
     *     first when the spec needs it
     */
    public static RuntimeConfig from(Map<String, String> environment, SpecFloors floors) {
        return new RuntimeConfig(new Env(environment), Objects.requireNonNull(floors, "floors"));
    }

    /** Reads and checks the configuration from the process environment. */
    public static RuntimeConfig fromSystemEnvironment() {
        return from(System.getenv());
    }

    private static Mode parseMode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "dev" -> Mode.DEV;
            case "test" -> Mode.TEST;
            case "prod" -> Mode.PROD;
            default -> throw new ConfigException("MODE", "must be dev, test or prod, got '" + value + "'");
        };
    }

    /** {@code LOG_FORMAT}: {@code text} (the default) or {@code json}; read by the logging set-up, checked here. */
    static boolean parseLogFormat(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new ConfigException("LOG_FORMAT", "must be text or json, got '" + value + "'");
        };
    }

    private static String metricsToken(Env env) {
        String token = env.get("METRICS_TOKEN");
        if (token == null) {
            return null;
        }
        if (token.length() < 16) {
            throw new ConfigException("METRICS_TOKEN", "must be at least 16 characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new ConfigException("METRICS_TOKEN", "must be printable ASCII without spaces (a bearer token)");
            }
        }
        return token;
    }

    private static boolean inviteOnly(Env env) {
        String registration = env.get("REGISTRATION", "open").toLowerCase(Locale.ROOT);
        if (!registration.equals("open") && !registration.equals("invite-only")) {
            throw new ConfigException("REGISTRATION", "must be open or invite-only");
        }
        return registration.equals("invite-only");
    }

    private static boolean emailVerification(Env env) {
        String value = env.get("EMAIL_VERIFICATION", "optional").toLowerCase(Locale.ROOT);
        if (!value.equals("optional") && !value.equals("required")) {
            throw new ConfigException("EMAIL_VERIFICATION", "must be optional or required");
        }
        return value.equals("required");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    // a link sent by mail: an absolute URL (https in prod) with {token} where the one-time token goes
    private static String linkTemplate(Env env, String name, String defaultValue, Mode mode) {
        String value = env.get(name, defaultValue);
        if (!value.contains("{token}")) {
            throw new ConfigException(name, "must contain {token}, where the link's one-time token goes");
        }
        Env.checkUrl(name, value.replace("{token}", "token"), mode);
        return value;
    }

    private static RateLimitStore parseRateLimitStore(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "memory" -> RateLimitStore.MEMORY;
            case "mongo" -> RateLimitStore.MONGO;
            default -> throw new ConfigException("RATE_LIMIT_STORE", "must be memory or mongo");
        };
    }

    private static byte[] parseOrgDbKey(Env env, Mode mode, boolean useOrgDb) {
        String value = env.get("ORG_DB_ENCRYPTION_KEY");
        if (value == null) {
            if (mode == Mode.PROD && useOrgDb) {
                throw new ConfigException(
                        "ORG_DB_ENCRYPTION_KEY", "is required in prod mode when MONGO_USE_ORG_DB=true");
            }
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ORG_DB_ENCRYPTION_KEY", "must be base64");
        }
        if (key.length != 32) {
            throw new ConfigException("ORG_DB_ENCRYPTION_KEY", "must decode to exactly 32 bytes (AES-256)");
        }
        return key;
    }

    // Prod refuses to start without a strong secret; dev and test keep a generated one in the data
    // directory so tokens survive a restart.
    private static byte[] secret(Env env, Mode mode, Path dataDir) {
        String value = env.get("SECRET_KEY");
        if (value != null) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new ConfigException("SECRET_KEY", "must be at least " + MIN_SECRET_BYTES + " bytes");
            }
            return bytes;
        }
        if (mode == Mode.PROD) {
            throw new ConfigException("SECRET_KEY", "is required in prod mode (at least 32 bytes)");
        }
        Path file = dataDir.resolve("secret.key");
        try {
            if (Files.exists(file)) {
                byte[] bytes = Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
                if (bytes.length < MIN_SECRET_BYTES) {
                    throw new ConfigException("SECRET_KEY", "the generated key in " + file + " is too short");
                }
                return bytes;
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(file, text);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own permissions apply
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    "DATA_DIR", "cannot keep the generated SECRET_KEY in " + file + ": " + e.getMessage());
        }
    }

    private static List<String> origins(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String origin : values) {
            if (origin.equals("*") || origin.equalsIgnoreCase("null")) {
                throw new ConfigException("CORS_ALLOW_ORIGINS", "'" + origin + "' is not allowed: list exact origins");
            }
            Env.checkUrl("CORS_ALLOW_ORIGINS", origin, Mode.DEV);
            if (origin.endsWith("/") || origin.indexOf('/', origin.indexOf("//") + 2) >= 0) {
                throw new ConfigException(
                        "CORS_ALLOW_ORIGINS", "'" + origin + "' must be an origin: scheme://host[:port]");
            }
            out.add(origin.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** Whether the address matches one of {@code TRUSTED_PROXIES}. */
    public boolean isTrustedProxy(InetAddress address) {
        return trustedProxySet.contains(address);
    }

    public Mode mode() {
        return mode;
    }

    /** {@code MONGO_URL}, or null for the embedded server. */
    public String mongoUrl() {
        return mongoUrl;
    }

    public boolean mongoUseOrgDb() {
        return mongoUseOrgDb;
    }

    /** {@code ORG_DB_ENCRYPTION_KEY} decoded (32 bytes), or null when unset. */
    public byte[] orgDbEncryptionKey() {
        return orgDbEncryptionKey == null ? null : orgDbEncryptionKey.clone();
    }

    /** The HMAC secret for access tokens, at least 32 bytes. */
    public byte[] secretKey() {
        return secretKey.clone();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Exact origins allowed for CORS, lower-cased; empty means no cross-origin access. */
    public List<String> corsAllowOrigins() {
        return corsAllowOrigins;
    }

    public List<String> trustedProxies() {
        return trustedProxies;
    }

    public RateSpec authRateLimit() {
        return authRateLimit;
    }

    public RateSpec apiRateLimit() {
        return apiRateLimit;
    }

    public RateLimitStore rateLimitStore() {
        return rateLimitStore;
    }

    public boolean rateLimitsEnabled() {
        return mode != Mode.TEST;
    }

    public int bcryptCost() {
        return bcryptCost;
    }

    /** Turnstile is on when {@code TURNSTILE_SECRET_KEY} is set. */
    public boolean turnstileEnabled() {
        return turnstileSecretKey != null;
    }

    public String turnstileSecretKey() {
        return turnstileSecretKey;
    }

    public String turnstileSiteKey() {
        return turnstileSiteKey;
    }

    public String turnstileVerifyUrl() {
        return turnstileVerifyUrl;
    }

    public Duration turnstileTimeout() {
        return turnstileTimeout;
    }

    public List<OidcProviderConfig> oidcProviders() {
        return oidcProviders;
    }

    public String frontendUrl() {
        return frontendUrl;
    }

    /** The externally visible base URL of this service, used for OAuth redirect URIs. */
    public String publicUrl() {
        return publicUrl;
    }

    /**
     * Whether the service serves its web admin ({@code /admin/}) and API docs ({@code /docs/}): {@code ADMIN_UI},
     * on by default in every mode; a spec can turn it off for good.
     */
    public boolean adminUi() {
        return adminUi;
    }

    public boolean inviteOnly() {
        return inviteOnly;
    }

    public SecurityHeaders securityHeaders() {
        return securityHeaders;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** How far a token's {@code exp} may be past, and its {@code iat} ahead of, this server's clock. */
    public Duration jwtLeeway() {
        return jwtLeeway;
    }

    public String jwtIssuer() {
        return jwtIssuer;
    }

    public String jwtAudience() {
        return jwtAudience;
    }

    public Duration invitationTtl() {
        return invitationTtl;
    }

    /** Invitations one user may create per window. */
    public RateSpec invitationRateLimit() {
        return invitationRateLimit;
    }

    /** Invitations one organisation's administrators may create together per window. */
    public RateSpec invitationOrgRateLimit() {
        return invitationOrgRateLimit;
    }

    /** The most unused, unexpired invitations one organisation may hold. */
    public int maxPendingInvitations() {
        return maxPendingInvitations;
    }

    public Duration userCacheTtl() {
        return userCacheTtl;
    }

    /** {@code LOG_FORMAT=json}: one JSON object per log line. */
    public boolean jsonLogs() {
        return jsonLogs;
    }

    /** How long a stopping service lets in-flight requests finish ({@code SHUTDOWN_TIMEOUT_SECONDS}). */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** {@code METRICS_TOKEN}: the bearer token {@code /metrics} requires, or null for none. */
    public String metricsToken() {
        return metricsToken;
    }

    /** {@code METRICS_PORT}: the port of a listener serving only {@code /metrics}, or -1 for none. */
    public int metricsPort() {
        return metricsPort;
    }

    /** {@code METRICS_HOST}: the interface of the metrics listener, or null for the service's own. */
    public String metricsHost() {
        return metricsHost;
    }

    /**
     * Whether {@code /metrics} is served at all: only when {@code METRICS_TOKEN} or {@code METRICS_PORT} says
     * how it is protected (off by default).
     */
    public boolean metricsEnabled() {
        return metricsToken != null || metricsPort >= 0;
    }

    /** {@code ORG_DB_ALLOWED_HOSTS}: where organisations' own databases may be; empty allows none. */
    public List<String> orgDbAllowedHosts() {
        return orgDbAllowedHosts;
    }

    /** {@code ORG_DB_CONNECT_TIMEOUT_MS}: opening a connection to an organisation's own database. */
    public Duration orgDbConnectTimeout() {
        return orgDbConnectTimeout;
    }

    /** {@code ORG_DB_SOCKET_TIMEOUT_MS}: an organisation's own database answering one operation. */
    public Duration orgDbSocketTimeout() {
        return orgDbSocketTimeout;
    }

    /** {@code ORG_MAX_CONCURRENT_REQUESTS}: requests of one organisation using its database at once. */
    public int orgMaxConcurrentRequests() {
        return orgMaxConcurrentRequests;
    }

    /** {@code ORG_DB_RETRY_AFTER_SECONDS}: how long an unreachable organisation database is answered 503 at once. */
    public Duration orgDbRetryAfter() {
        return orgDbRetryAfter;
    }

    /** {@code REFRESH_TOKEN_TTL_DAYS}: a refresh token not used within this is dead. */
    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    /** {@code SESSION_MAX_DAYS}: how long one sign-in may be kept alive by refreshing. */
    public Duration sessionMaxAge() {
        return sessionMaxAge;
    }

    /**
     * Whether an account must prove its email before it may sign in ({@code EMAIL_VERIFICATION=required}, or the
     * spec's {@code auth.emailVerification: required}, which the environment cannot lower).
     */
    public boolean emailVerificationRequired() {
        return emailVerificationRequired;
    }

    /** {@code EMAIL_VERIFICATION_TTL_HOURS}: how long a verification link works. */
    public Duration emailVerificationTtl() {
        return emailVerificationTtl;
    }

    /** {@code PASSWORD_RESET_TTL_MINUTES}: how long a password reset link works. */
    public Duration passwordResetTtl() {
        return passwordResetTtl;
    }

    /** {@code EMAIL_VERIFICATION_URL}: the verification link, {@code {token}} standing for its token. */
    public String emailVerificationUrl() {
        return emailVerificationUrl;
    }

    /** {@code PASSWORD_RESET_URL}: the password reset link, {@code {token}} standing for its token. */
    public String passwordResetUrl() {
        return passwordResetUrl;
    }

    /** The SMTP server account mail goes through, or null: then (outside prod) mail goes to the log and an outbox. */
    public SmtpSettings smtp() {
        return smtp;
    }

    /** {@code MAIL_RATE_LIMIT}: account mails one address may receive per window. */
    public RateSpec mailRateLimit() {
        return mailRateLimit;
    }

    /** {@code AUDIT_RETENTION_DAYS}: how long audit records are kept; zero keeps them for ever. */
    public Duration auditRetention() {
        return auditRetention;
    }

    @Override
    public String toString() {
        return "RuntimeConfig[mode=" + mode + ", port=" + port + ", dataDir=" + dataDir + "]";
    }
}
