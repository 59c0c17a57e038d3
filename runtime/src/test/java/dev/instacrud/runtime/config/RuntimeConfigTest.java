package dev.instacrud.runtime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {
    @TempDir
    Path dir;

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** What prod needs besides a secret: an SMTP server and a sender, and the public URL mail links point at. */
    static final String[] PROD_MAIL = {
        "SMTP_URL",
        "smtps://smtp.example.com",
        "MAIL_FROM",
        "no-reply@example.com",
        "PUBLIC_URL",
        "https://api.example.com"
    };

    Map<String, String> env(String[] base, String... pairs) {
        Map<String, String> env = env(base);
        env.putAll(env(pairs));
        return env;
    }

    void refused(String variable, String... pairs) {
        ConfigException e = assertThrows(ConfigException.class, () -> RuntimeConfig.from(env(pairs)));
        assertEquals(variable, e.variable(), e.getMessage());
        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
    }

    @Test
    void defaultsAreSafe() {
        RuntimeConfig config = RuntimeConfig.from(env());
        assertEquals(Mode.DEV, config.mode());
        assertEquals(8000, config.port());
        assertEquals(12, config.bcryptCost());
        assertEquals(new RateSpec(5, Duration.ofMinutes(1)), config.authRateLimit());
        assertEquals(new RateSpec(600, Duration.ofMinutes(1)), config.apiRateLimit());
        assertEquals(1_048_576, config.maxBodyBytes());
        assertEquals(Duration.ofSeconds(5), config.jwtLeeway());
        assertEquals(new RateSpec(20, Duration.ofHours(1)), config.invitationRateLimit());
        assertEquals(new RateSpec(100, Duration.ofDays(1)), config.invitationOrgRateLimit());
        assertEquals(100, config.maxPendingInvitations());
        assertTrue(config.corsAllowOrigins().isEmpty());
        assertFalse(config.turnstileEnabled());
        assertTrue(config.rateLimitsEnabled());
        assertEquals(RateLimitStore.MEMORY, config.rateLimitStore());
        assertEquals(
                RateLimitStore.MONGO,
                RuntimeConfig.from(env("RATE_LIMIT_STORE", "Mongo")).rateLimitStore());
        assertEquals("0", config.securityHeaders().values().get("X-XSS-Protection"));
        assertFalse(config.securityHeaders().values().containsKey("Strict-Transport-Security"));
    }

    @Test
    void theAdminIsOnInEveryModeAndOAuthLandsOnItsCallbackPage() {
        assertTrue(RuntimeConfig.from(env()).adminUi());
        RuntimeConfig prod = RuntimeConfig.from(env(PROD_MAIL, "MODE", "prod", "SECRET_KEY", "x".repeat(32)));
        assertTrue(prod.adminUi(), "MODE=prod keeps it on unless turned off");
        assertEquals(
                "/admin", RuntimeConfig.from(env()).frontendUrl(), "a relative redirect: right on any host and port");
        RuntimeConfig off = RuntimeConfig.from(env("ADMIN_UI", "false"));
        assertFalse(off.adminUi());
        assertEquals("http://localhost:3000", off.frontendUrl());
        assertEquals(
                "https://app.example.com",
                RuntimeConfig.from(env("FRONTEND_URL", "https://app.example.com"))
                        .frontendUrl(),
                "a front end of one's own wins");
        refused("ADMIN_UI", "ADMIN_UI", "maybe");
        RuntimeConfig specOff = RuntimeConfig.from(
                env("ADMIN_UI", "true"), new SpecFloors(false, false, false, SpecFloors.BUILT_IN_PROVIDERS, true));
        assertFalse(specOff.adminUi(), "admin: false in the spec is a floor");
        assertEquals("http://localhost:3000", specOff.frontendUrl());
    }

    @Test
    void accountDefaultsAndMailSettingsAreRead() {
        RuntimeConfig config = RuntimeConfig.from(env());
        assertEquals(Duration.ofMinutes(15), config.accessTokenTtl());
        assertEquals(Duration.ofDays(14), config.refreshTokenTtl());
        assertEquals(Duration.ofDays(90), config.sessionMaxAge());
        assertFalse(config.emailVerificationRequired());
        assertEquals(Duration.ofHours(48), config.emailVerificationTtl());
        assertEquals(Duration.ofMinutes(30), config.passwordResetTtl());
        assertEquals("http://localhost:8000/admin/verify-email?token={token}", config.emailVerificationUrl());
        assertEquals("http://localhost:8000/admin/reset-password?token={token}", config.passwordResetUrl());
        assertEquals(null, config.smtp(), "no SMTP: dev mail goes to the log and the outbox");
        assertEquals(new RateSpec(5, Duration.ofHours(1)), config.mailRateLimit());
        assertEquals(Duration.ofDays(365), config.auditRetention());
        assertEquals(
                "https://app.example.com/reset-password?token={token}",
                RuntimeConfig.from(env("FRONTEND_URL", "https://app.example.com/"))
                        .passwordResetUrl());
        assertTrue(RuntimeConfig.from(env("EMAIL_VERIFICATION", "Required")).emailVerificationRequired());
        assertTrue(
                RuntimeConfig.from(env(), new SpecFloors(false, false, false, Set.of(), false, true))
                        .emailVerificationRequired(),
                "auth.emailVerification: required is a floor");

        SmtpSettings url = RuntimeConfig.from(env(
                        "SMTP_URL",
                        "smtp://mailer%40acme:p%3Ass@smtp.acme.example",
                        "MAIL_FROM",
                        "Acme <no-reply@acme.example>"))
                .smtp();
        assertEquals("smtp.acme.example", url.host());
        assertEquals(587, url.port());
        assertEquals("mailer@acme", url.username());
        assertEquals("p:ss", url.password());
        assertEquals(SmtpSettings.Tls.STARTTLS, url.tls());
        assertFalse(url.toString().contains("p:ss"), url.toString());
        SmtpSettings tls = RuntimeConfig.from(env("SMTP_URL", "smtps://smtp.acme.example", "MAIL_FROM", "a@b.c"))
                .smtp();
        assertEquals(SmtpSettings.Tls.TLS, tls.tls());
        assertEquals(465, tls.port());
        SmtpSettings parts = RuntimeConfig.from(
                        env("SMTP_HOST", "127.0.0.1", "SMTP_PORT", "2525", "SMTP_TLS", "none", "MAIL_FROM", "a@b.c"))
                .smtp();
        assertEquals(2525, parts.port());
        assertEquals(SmtpSettings.Tls.NONE, parts.tls());
        assertEquals(Duration.ofSeconds(10), parts.timeout());
    }

    @Test
    void badAccountAndMailSettingsNameTheirVariable() {
        refused("SMTP_URL", "MODE", "prod", "SECRET_KEY", "x".repeat(32), "PUBLIC_URL", "https://api.example.com");
        refused(
                "PUBLIC_URL",
                "MODE",
                "prod",
                "SECRET_KEY",
                "x".repeat(32),
                "SMTP_URL",
                "smtps://s.example.com",
                "MAIL_FROM",
                "a@b.c");
        refused("SMTP_URL", "SMTP_URL", "smtp://a.example.com", "SMTP_HOST", "b.example.com", "MAIL_FROM", "a@b.c");
        refused("SMTP_URL", "SMTP_URL", "http://mail.example.com", "MAIL_FROM", "a@b.c");
        refused("SMTP_URL", "SMTP_URL", "smtp://mail.example.com/path", "MAIL_FROM", "a@b.c");
        refused("SMTP_URL", "SMTP_URL", "smtp://:secret@mail.example.com", "MAIL_FROM", "a@b.c");
        refused("MAIL_FROM", "SMTP_HOST", "mail.example.com");
        refused("MAIL_FROM", "SMTP_HOST", "mail.example.com", "MAIL_FROM", "not an address");
        refused("MAIL_FROM", "SMTP_HOST", "mail.example.com", "MAIL_FROM", "a@b.c\r\nBcc: victim@example.com");
        refused("SMTP_HOST", "SMTP_PORT", "2525");
        refused("SMTP_TLS", "SMTP_HOST", "mail.example.com", "SMTP_TLS", "ssl", "MAIL_FROM", "a@b.c");
        refused("SMTP_PORT", "SMTP_HOST", "mail.example.com", "SMTP_PORT", "0", "MAIL_FROM", "a@b.c");
        refused(
                "SMTP_TLS",
                env(
                        PROD_MAIL,
                        "MODE",
                        "prod",
                        "SECRET_KEY",
                        "x".repeat(32),
                        "SMTP_URL",
                        "smtp://mail.example.com",
                        "SMTP_TLS",
                        "none"));
        refused("EMAIL_VERIFICATION", "EMAIL_VERIFICATION", "sometimes");
        refused("EMAIL_VERIFICATION_URL", "EMAIL_VERIFICATION_URL", "https://app.example.com/verify");
        refused("PASSWORD_RESET_URL", "PASSWORD_RESET_URL", "javascript:alert(1)//{token}");
        refused(
                "PASSWORD_RESET_URL",
                env(
                        PROD_MAIL,
                        "MODE",
                        "prod",
                        "SECRET_KEY",
                        "x".repeat(32),
                        "PASSWORD_RESET_URL",
                        "http://app.example.com/reset?token={token}"));
        refused("SESSION_MAX_DAYS", "REFRESH_TOKEN_TTL_DAYS", "30", "SESSION_MAX_DAYS", "7");
        refused("REFRESH_TOKEN_TTL_DAYS", "REFRESH_TOKEN_TTL_DAYS", "0");
        refused("MAIL_RATE_LIMIT", "MAIL_RATE_LIMIT", "lots");
        refused("AUDIT_RETENTION_DAYS", "AUDIT_RETENTION_DAYS", "-1");
        RuntimeConfig relay = RuntimeConfig.from(env(
                PROD_MAIL,
                "MODE",
                "prod",
                "SECRET_KEY",
                "x".repeat(32),
                "SMTP_URL",
                "smtp://127.0.0.1:25",
                "SMTP_TLS",
                "none"));
        assertEquals(SmtpSettings.Tls.NONE, relay.smtp().tls(), "a local relay may take clear text");
    }

    void refused(String variable, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> RuntimeConfig.from(env));
        assertEquals(variable, e.variable(), e.getMessage());
    }

    @Test
    void devGeneratesASecretAndKeepsIt() throws Exception {
        byte[] first = RuntimeConfig.from(env()).secretKey();
        assertTrue(first.length >= 32);
        assertTrue(Files.exists(dir.resolve("secret.key")));
        assertArrayEquals(first, RuntimeConfig.from(env()).secretKey());
    }

    @Test
    void prodRefusesWithoutAStrongSecret() {
        refused("SECRET_KEY", "MODE", "prod");
        refused("SECRET_KEY", "MODE", "prod", "SECRET_KEY", "short");
        refused("SECRET_KEY", "SECRET_KEY", "still-too-short-for-hs256");
        RuntimeConfig prod = RuntimeConfig.from(env(
                "MODE",
                "prod",
                "SECRET_KEY",
                "x".repeat(32),
                "SMTP_HOST",
                "smtp.example.com",
                "MAIL_FROM",
                "a@b.c",
                "PUBLIC_URL",
                "https://api.example.com"));
        assertEquals(
                "max-age=31536000; includeSubDomains",
                prod.securityHeaders().values().get("Strict-Transport-Security"));
    }

    @Test
    void badValuesNameTheirVariable() {
        refused("MODE", "MODE", "production");
        refused("PORT", "PORT", "http");
        refused("PORT", "PORT", "70000");
        refused("MONGO_URL", "MONGO_URL", "http://db");
        refused("MONGO_USE_ORG_DB", "MONGO_USE_ORG_DB", "maybe");
        refused("AUTH_RATE_LIMIT", "AUTH_RATE_LIMIT", "5 per minute");
        refused("API_RATE_LIMIT", "API_RATE_LIMIT", "0/minute");
        refused("RATE_LIMIT_STORE", "RATE_LIMIT_STORE", "redis");
        refused("BCRYPT_COST", "BCRYPT_COST", "3");
        refused("BCRYPT_COST", "MODE", "prod", "SECRET_KEY", "x".repeat(32), "BCRYPT_COST", "8");
        refused("CORS_ALLOW_ORIGINS", "CORS_ALLOW_ORIGINS", "*");
        refused("CORS_ALLOW_ORIGINS", "CORS_ALLOW_ORIGINS", "null");
        refused("CORS_ALLOW_ORIGINS", "CORS_ALLOW_ORIGINS", "https://a.example.com/path");
        refused("TRUSTED_PROXIES", "TRUSTED_PROXIES", "proxy.internal");
        refused("TRUSTED_PROXIES", "TRUSTED_PROXIES", "10.0.0.0/33");
        refused("TRUSTED_PROXIES", "TRUSTED_PROXIES", "10.0.0.0/-1");
        refused("TRUSTED_PROXIES", "TRUSTED_PROXIES", "10.0.0.1-10.0.0.9");
        refused("TRUSTED_PROXIES", "TRUSTED_PROXIES", "::ffff:10.0.0.0/104");
        refused("TURNSTILE_VERIFY_URL", "TURNSTILE_VERIFY_URL", "ftp://x");
        refused("FRONTEND_URL", "MODE", "prod", "SECRET_KEY", "x".repeat(32), "FRONTEND_URL", "http://app.example.com");
        refused("X_XSS_PROTECTION", "X_XSS_PROTECTION", "1");
        refused("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY", "default-src 'self'\r\nSet-Cookie: a=b");
        refused("MAX_BODY_BYTES", "MAX_BODY_BYTES", "-1");
        refused("JWT_LEEWAY_SECONDS", "JWT_LEEWAY_SECONDS", "61");
        refused("INVITATION_RATE_LIMIT", "INVITATION_RATE_LIMIT", "20 an hour");
        refused("INVITATION_ORG_RATE_LIMIT", "INVITATION_ORG_RATE_LIMIT", "0/day");
        refused("MAX_PENDING_INVITATIONS", "MAX_PENDING_INVITATIONS", "0");
        refused("REGISTRATION", "REGISTRATION", "closed");
        refused("ORG_DB_ENCRYPTION_KEY", "ORG_DB_ENCRYPTION_KEY", "not base64!");
        refused("ORG_DB_ENCRYPTION_KEY", "ORG_DB_ENCRYPTION_KEY", "c2hvcnQ=");
        refused("ORG_DB_ENCRYPTION_KEY", "MODE", "prod", "SECRET_KEY", "x".repeat(32), "MONGO_USE_ORG_DB", "true");
        refused("MS_CLIENT_SECRET", "MS_CLIENT_ID", "id");
        refused("MS_TENANT_ID", "MS_CLIENT_ID", "id", "MS_CLIENT_SECRET", "s", "MS_TENANT_ID", "common");
        refused("GOOGLE_CLIENT_SECRET", "GOOGLE_CLIENT_ID", "id");
        refused("OIDC_ACME_ISSUER", "OIDC_PROVIDERS", "acme");
        refused("OIDC_PROVIDERS", "OIDC_PROVIDERS", "Bad Name!");
        refused(
                "PUBLIC_URL",
                "MODE",
                "prod",
                "SECRET_KEY",
                "x".repeat(32),
                "GOOGLE_CLIENT_ID",
                "g",
                "GOOGLE_CLIENT_SECRET",
                "s",
                "FRONTEND_URL",
                "https://app.example.com");
    }

    @Test
    void providersAndProxiesAreParsed() throws Exception {
        RuntimeConfig config = RuntimeConfig.from(env(
                "MS_CLIENT_ID",
                "ms",
                "MS_CLIENT_SECRET",
                "mss",
                "MS_TENANT_ID",
                "contoso.onmicrosoft.com",
                "GOOGLE_CLIENT_ID",
                "g",
                "GOOGLE_CLIENT_SECRET",
                "gs",
                "TRUSTED_PROXIES",
                "10.0.0.0/8, ::1",
                "AUTH_RATE_LIMIT",
                "10/hour",
                "ORG_DB_ENCRYPTION_KEY",
                java.util.Base64.getEncoder().encodeToString(new byte[32])));
        assertEquals(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
                config.oidcProviders().get(0).issuer());
        assertEquals(
                "https://accounts.google.com", config.oidcProviders().get(1).issuer());
        assertFalse(config.oidcProviders().get(0).toString().contains("mss"));
        assertTrue(config.isTrustedProxy(InetAddress.getByName("10.1.2.3")));
        assertTrue(config.isTrustedProxy(InetAddress.getByName("::1")));
        assertFalse(config.isTrustedProxy(InetAddress.getByName("11.0.0.1")));
        assertFalse(config.isTrustedProxy(InetAddress.getByName("::2")));
        assertEquals(new RateSpec(10, Duration.ofHours(1)), config.authRateLimit());
        assertEquals(32, config.orgDbEncryptionKey().length);
        assertFalse(RuntimeConfig.from(env("MODE", "test")).rateLimitsEnabled());
    }

    @Test
    void aProxyRangeWithHostBitsSetIsReadAsItsNetwork() throws Exception {
        RuntimeConfig config = RuntimeConfig.from(env("TRUSTED_PROXIES", "10.1.2.3/12,fd00::1/8,192.168.0.7"));
        assertTrue(config.isTrustedProxy(InetAddress.getByName("10.15.255.255")));
        assertFalse(config.isTrustedProxy(InetAddress.getByName("10.16.0.0")));
        assertTrue(config.isTrustedProxy(InetAddress.getByName("fdff::9")));
        assertTrue(config.isTrustedProxy(InetAddress.getByName("192.168.0.7")));
        assertFalse(config.isTrustedProxy(InetAddress.getByName("192.168.0.8")));
    }
}
