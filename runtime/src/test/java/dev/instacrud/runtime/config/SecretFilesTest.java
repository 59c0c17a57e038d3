package dev.instacrud.runtime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every secret variable may be given as {@code NAME_FILE}, the path of a file holding it (mounted secrets). */
class SecretFilesTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef-from-a-file";

    @TempDir
    Path dir;

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dir.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void secretsAreReadFromTheirFilesWithoutTheTrailingNewline() throws Exception {
        RuntimeConfig config = RuntimeConfig.from(env(
                "MODE", "prod",
                "SECRET_KEY_FILE", file("secret", SECRET + "\n").toString(),
                "MONGO_URL_FILE",
                        file("mongo", "mongodb://app:p%40ss@db.example.com/\r\n")
                                .toString(),
                "METRICS_TOKEN_FILE",
                        file("metrics", "metrics-token-0123456789").toString(),
                "TURNSTILE_SECRET_KEY_FILE", file("turnstile", "ts-secret").toString(),
                "OIDC_PROVIDERS", "corp",
                "OIDC_CORP_ISSUER", "https://id.example.com",
                "OIDC_CORP_AUTHORIZE_URL", "https://id.example.com/authorize",
                "OIDC_CORP_TOKEN_URL", "https://id.example.com/token",
                "OIDC_CORP_JWKS_URL", "https://id.example.com/jwks",
                "OIDC_CORP_CLIENT_ID", "client",
                "OIDC_CORP_CLIENT_SECRET_FILE", file("oidc", "oidc-secret\n").toString(),
                "PUBLIC_URL", "https://api.example.com",
                "FRONTEND_URL", "https://app.example.com",
                "SMTP_HOST", "smtp.example.com",
                "MAIL_FROM", "service@example.com",
                "SMTP_USERNAME", "mailer",
                "SMTP_PASSWORD_FILE", file("smtp", "smtp-secret\n").toString()));
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), config.secretKey());
        assertEquals("smtp-secret", config.smtp().password());
        assertEquals("mongodb://app:p%40ss@db.example.com/", config.mongoUrl());
        assertEquals("metrics-token-0123456789", config.metricsToken());
        assertEquals("ts-secret", config.turnstileSecretKey());
        assertEquals("oidc-secret", config.oidcProviders().get(0).clientSecret());
    }

    @Test
    void bothTheValueAndItsFileIsARefusal() throws Exception {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> RuntimeConfig.from(env(
                        "SECRET_KEY",
                        SECRET,
                        "SECRET_KEY_FILE",
                        file("s", SECRET).toString())));
        assertEquals("SECRET_KEY_FILE", e.variable());
        assertTrue(e.getMessage().contains("both SECRET_KEY and SECRET_KEY_FILE"), e.getMessage());
    }

    @Test
    void aMissingEmptyOrHugeFileIsRefusedNamingTheVariable() throws Exception {
        ConfigException missing = assertThrows(
                ConfigException.class,
                () -> RuntimeConfig.from(
                        env("SECRET_KEY_FILE", dir.resolve("nope").toString())));
        assertEquals("SECRET_KEY_FILE", missing.variable());
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        ConfigException empty = assertThrows(
                ConfigException.class,
                () -> RuntimeConfig.from(
                        env("MONGO_URL_FILE", file("empty", "\n").toString())));
        assertEquals("MONGO_URL_FILE", empty.variable());
        assertTrue(empty.getMessage().endsWith("is empty"), empty.getMessage());
        ConfigException huge = assertThrows(
                ConfigException.class,
                () -> RuntimeConfig.from(env(
                        "METRICS_TOKEN_FILE", file("huge", "x".repeat(70_000)).toString())));
        assertEquals("METRICS_TOKEN_FILE", huge.variable());
        ConfigException directory =
                assertThrows(ConfigException.class, () -> RuntimeConfig.from(env("SECRET_KEY_FILE", dir.toString())));
        assertEquals("SECRET_KEY_FILE", directory.variable());
    }

    @Test
    void aFileOfAVariableThatIsNoSecretIsNotRead() throws Exception {
        RuntimeConfig config =
                RuntimeConfig.from(env("PORT_FILE", file("port", "9999").toString()));
        assertEquals(8000, config.port(), "only secrets come from files; PORT_FILE is someone else's");
        assertTrue(Env.isSecret("OIDC_ACME_CLIENT_SECRET"));
        assertTrue(Env.isSecret("SECRET_KEY"));
        assertTrue(Env.isSecret("SMTP_URL"), "an SMTP URL may hold the password");
        assertTrue(!Env.isSecret("PORT"));
    }

    @Test
    void theNewOperationsVariablesAreChecked() {
        assertEquals(
                "LOG_FORMAT",
                assertThrows(ConfigException.class, () -> RuntimeConfig.from(env("LOG_FORMAT", "xml")))
                        .variable());
        assertTrue(RuntimeConfig.from(env("LOG_FORMAT", "JSON")).jsonLogs());
        assertEquals(20, RuntimeConfig.from(env()).shutdownTimeout().toSeconds());
        assertEquals(
                "SHUTDOWN_TIMEOUT_SECONDS",
                assertThrows(ConfigException.class, () -> RuntimeConfig.from(env("SHUTDOWN_TIMEOUT_SECONDS", "-1")))
                        .variable());
        assertEquals(
                "METRICS_TOKEN",
                assertThrows(ConfigException.class, () -> RuntimeConfig.from(env("METRICS_TOKEN", "short")))
                        .variable());
        assertEquals(
                "METRICS_TOKEN",
                assertThrows(
                                ConfigException.class,
                                () -> RuntimeConfig.from(env("METRICS_TOKEN", "has a space in it, long")))
                        .variable());
        assertEquals(
                "METRICS_PORT",
                assertThrows(
                                ConfigException.class,
                                () -> RuntimeConfig.from(env("PORT", "9000", "METRICS_PORT", "9000")))
                        .variable());
        assertEquals(
                "METRICS_HOST",
                assertThrows(ConfigException.class, () -> RuntimeConfig.from(env("METRICS_HOST", "127.0.0.1")))
                        .variable());
        RuntimeConfig off = RuntimeConfig.from(env());
        assertTrue(!off.metricsEnabled() && off.metricsPort() == -1 && off.metricsToken() == null);
    }
}
