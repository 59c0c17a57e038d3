package dev.instacrud.runtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.config.ConfigException;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.http.Routes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRunnerTest {
    @TempDir
    Path data;

    private static ServiceDefinition.Builder service() {
        return ServiceDefinition.builder("shop").routes(layer -> new Routes());
    }

    /** The environment with a data directory of its own, so a dev-mode secret is not written elsewhere. */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", data.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void anInviteOnlySpecCannotBeOpenedByTheEnvironment() {
        assertTrue(ServiceRunner.config(service().inviteOnly().build(), env("REGISTRATION", "open"))
                .inviteOnly());
        assertTrue(ServiceRunner.config(service().inviteOnly().build(), env("REGISTRATION", "bogus"))
                .inviteOnly());
        assertFalse(ServiceRunner.config(service().build(), env("REGISTRATION", "open"))
                .inviteOnly());
    }

    @Test
    void aSpecWithTurnstileRefusesToStartWithoutItsKey() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ServiceRunner.config(service().turnstile().build(), env("MODE", "dev")));
        assertTrue(e.getMessage().startsWith("TURNSTILE_SECRET_KEY"), e.getMessage());
        ConfigException first = assertThrows(
                ConfigException.class,
                () -> ServiceRunner.config(service().turnstile().build(), env("MODE", "nonsense")));
        assertEquals("TURNSTILE_SECRET_KEY", first.variable(), "checked before anything else");
        assertEquals(
                "k",
                ServiceRunner.config(service().turnstile().build(), env("TURNSTILE_SECRET_KEY", "k"))
                        .turnstileSecretKey());
    }

    @Test
    void onlyTheBuiltInProvidersTheSpecNamesAreConfigured() {
        Map<String, String> given =
                env("MS_CLIENT_ID", "m", "MS_CLIENT_SECRET", "s", "GOOGLE_CLIENT_ID", "g", "GOOGLE_CLIENT_SECRET", "s");
        RuntimeConfig config = ServiceRunner.config(service().oauth("google").build(), given);
        assertEquals(1, config.oidcProviders().size(), config.oidcProviders().toString());
        assertEquals("google", config.oidcProviders().get(0).name());
        assertEquals("g", config.oidcProviders().get(0).clientId());
    }

    @Test
    void orgDatabasesTurnOnPerOrganisationConnectionStrings() {
        assertTrue(ServiceRunner.config(service().orgDatabases().build(), env("MONGO_USE_ORG_DB", "false"))
                .mongoUseOrgDb());
        assertFalse(ServiceRunner.config(service().build(), env("MONGO_USE_ORG_DB", "false"))
                .mongoUseOrgDb());
    }

    @Test
    void aBadOrgDbAllowlistStopsStartUpNamingTheVariable() {
        Map<String, String> env = Map.of(
                "PORT",
                "0",
                "DATA_DIR",
                data.toString(),
                "MODE",
                "test",
                "ORG_DB_ALLOWED_HOSTS",
                "db.example.com:27017");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ServiceRunner.start(service().orgDatabases().build(), env));
        assertEquals("ORG_DB_ALLOWED_HOSTS", e.variable());
        assertTrue(e.getMessage().contains("db.example.com:27017"), e.getMessage());
    }

    @Test
    void startsOnTheEmbeddedDatabaseAndServesHealthAndTheApiDocument() throws Exception {
        ServiceDefinition definition =
                service().openApi(getClass().getResource("openapi-sample.json")).build();
        Map<String, String> env = Map.of("PORT", "0", "DATA_DIR", data.toString(), "MODE", "test");
        try (RunningService running = ServiceRunner.start(definition, env)) {
            assertTrue(running.url().startsWith("http://127.0.0.1:"), running.url());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(running.url() + "/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"ok\"}", health.body());
            HttpResponse<String> doc = http.send(
                    HttpRequest.newBuilder(URI.create(running.url() + "/api/v1/openapi.json"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, doc.statusCode());
            assertTrue(doc.body().contains("\"openapi\":\"3.1.0\""), doc.body());
        }
    }

    @Test
    void productionWithoutAMongoUrlRefusesToStart() {
        Map<String, String> env = Map.of(
                "PORT",
                "0",
                "DATA_DIR",
                data.toString(),
                "MODE",
                "prod",
                "SECRET_KEY",
                "0123456789abcdef0123456789abcdef",
                "SMTP_URL",
                "smtps://smtp.example.com",
                "MAIL_FROM",
                "no-reply@example.com",
                "PUBLIC_URL",
                "https://api.example.com");
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ServiceRunner.start(service().build(), env));
        assertTrue(e.getMessage().contains("MONGO_URL"), e.getMessage());
    }

    @Test
    void anInviteOnlyServiceGetsItsFirstAdministratorThroughABootstrapInvitation() throws Exception {
        ServiceDefinition definition = service().inviteOnly().build();
        Map<String, String> env = Map.of(
                "PORT",
                "0",
                "DATA_DIR",
                data.toString(),
                "MODE",
                "test",
                "BCRYPT_COST",
                "4",
                "BOOTSTRAP_ADMIN_EMAIL",
                "Root@Example.com");
        String printed;
        RunningService running;
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            running = ServiceRunner.start(definition, env);
        } finally {
            System.setOut(console);
        }
        printed = captured.toString(StandardCharsets.UTF_8);
        Matcher code = Pattern.compile("invitation code (\\S+) ").matcher(printed);
        assertTrue(code.find(), printed);
        try (running) {
            HttpClient http = HttpClient.newHttpClient();
            String open = "{\"email\":\"root@example.com\",\"password\":\"correct horse\",\"name\":\"Root\","
                    + "\"organization\":\"Mine\"}";
            assertEquals(
                    403, post(http, running.url() + "/api/v1/auth/signup", open).statusCode());
            String invited = "{\"email\":\"root@example.com\",\"password\":\"correct horse\",\"name\":\"Root\","
                    + "\"invitation\":\"" + code.group(1) + "\"}";
            assertEquals(
                    201,
                    post(http, running.url() + "/api/v1/auth/signup", invited).statusCode());
            HttpResponse<String> signin = post(
                    http,
                    running.url() + "/api/v1/auth/signin",
                    "{\"email\":\"root@example.com\",\"password\":\"correct horse\"}");
            String token = signin.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> me = http.send(
                    HttpRequest.newBuilder(URI.create(running.url() + "/api/v1/me"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(me.body().contains("\"role\":\"ORG_ADMIN\""), me.body());
            assertEquals(
                    400 / 100,
                    post(http, running.url() + "/api/v1/auth/signup", invited).statusCode() / 100,
                    "the code is single use");
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        System.setOut(new PrintStream(again, true, StandardCharsets.UTF_8));
        try (RunningService restarted = ServiceRunner.start(definition, env)) {
            assertTrue(restarted.port() > 0);
        } finally {
            System.setOut(console);
        }
        assertFalse(again.toString(StandardCharsets.UTF_8).contains("invitation code"), "the admin exists now");
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
