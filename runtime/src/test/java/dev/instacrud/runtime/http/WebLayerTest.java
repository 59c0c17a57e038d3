package dev.instacrud.runtime.http;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static dev.instacrud.runtime.testing.HttpAssertions.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.app.InstaCrudServer;
import dev.instacrud.runtime.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 1 (security headers), problem+json errors, strict JSON, CORS, method override, traversal, health. */
class WebLayerTest {
    static final AtomicInteger DELETES = new AtomicInteger();
    static TestServer app;

    record Item(String title, int count, boolean done) {}

    @BeforeAll
    static void start() throws Exception {
        Routes routes = new Routes();
        routes.get("/api/v1/boom", request -> {
            throw new IllegalStateException("secret at /home/app/Secret.java password=hunter2");
        });
        routes.post("/api/v1/items", request -> {
                    Item item = request.bodyAs(Item.class);
                    return ApiResponse.created("/api/v1/items/1", item);
                })
                .publicRoute();
        routes.get("/api/v1/items/{id}", request -> ApiResponse.ok(java.util.Map.of("id", request.pathParam("id"))))
                .publicRoute();
        routes.delete("/api/v1/items/{id}", request -> {
                    DELETES.incrementAndGet();
                    return ApiResponse.noContent();
                })
                .publicRoute();
        routes.post("/api/v1/raw", request -> {
                    request.requireOnlyFields("a", "b");
                    return ApiResponse.ok(request.body());
                })
                .publicRoute();
        routes.get("/api/v1/open-boom", request -> {
                    throw new IllegalStateException("boom");
                })
                .publicRoute();
        app = TestServer.start(
                TestServer.env(
                        "CORS_ALLOW_ORIGINS",
                        "https://app.example.com",
                        "MAX_BODY_BYTES",
                        "2048",
                        "AUTH_RATE_LIMIT",
                        "2/minute"),
                routes);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void healthAnswersOkWithHeaders() throws Exception {
        HttpResponse<String> response = app.get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("ok", TestServer.json(response).get("status").asText());
        assertSecurityHeaders(response);
    }

    @Test
    void anErrorAnsweredBeforeTheBodyArrivedClosesTheConnectionAndSaysSo() throws Exception {
        // a client must not send its next request on a connection the server closes for the unread body
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 10\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(socket.getInputStream().readNBytes(2048), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 405 "), head);
            assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), head);
        }
    }

    @Test
    void errorsCarryHeadersAndProblemJson() throws Exception {
        assertProblem(app.get("/api/v1/me"), 401);
        assertEquals(
                "Bearer",
                app.get("/api/v1/me").headers().firstValue("WWW-Authenticate").orElseThrow());
        assertProblem(app.get("/nowhere"), 404);
        assertProblem(app.send("PUT", "/health", "{}"), 405);
        assertProblem(app.post("/api/v1/items", "{\"title\":\"" + "x".repeat(4000) + "\"}"), 413);
        assertProblem(app.post("/api/v1/items", "title=x", "Content-Type", "application/x-www-form-urlencoded"), 415);
        assertProblem(app.post("/api/v1/items", "{\"title\":"), 400);
    }

    @Test
    void unexpectedExceptionIsA500WithoutDetails() throws Exception {
        HttpResponse<String> response = app.get("/api/v1/open-boom");
        assertProblem(response, 500);
        assertEquals(
                "Internal server error", TestServer.json(response).get("detail").asText());
        assertTrue(response.headers().firstValue("X-Request-ID").isPresent());
    }

    @Test
    void tooManyRequestsCarriesHeadersAndRetryAfter() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = app.post(
                    "/api/v1/auth/signin",
                    "{\"email\":\"a@b.c\",\"password\":\"whatever1\"}",
                    "X-Forwarded-For",
                    "10.9.9.9");
        }
        assertProblem(last, 429);
        assertTrue(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void strictBindingRefusesUnknownFieldsAndCoercion() throws Exception {
        HttpResponse<String> ok = app.post("/api/v1/items", "{\"title\":\"a\",\"count\":2,\"done\":true}");
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals("/api/v1/items/1", ok.headers().firstValue("Location").orElseThrow());
        assertEquals(
                201,
                app.post(
                                "/api/v1/items",
                                "{\"title\":\"a\",\"count\":2,\"done\":true}",
                                "Content-Type",
                                "application/merge-patch+json")
                        .statusCode());
        assertProblem(
                app.post(
                        "/api/v1/items",
                        "{\"title\":\"a\",\"count\":2,\"done\":true}",
                        "Content-Type",
                        "application/json; charset=iso-8859-1"),
                415);
        assertProblem(app.get("/api/v1/boom"), 401);

        HttpResponse<String> unknown =
                app.post("/api/v1/items", "{\"title\":\"a\",\"count\":2,\"done\":true,\"admin\":1}");
        assertProblem(unknown, 422);
        JsonNode error = TestServer.json(unknown).get("errors").get(0);
        assertEquals("extra_forbidden", error.get("type").asText());
        assertEquals("[\"body\",\"admin\"]", error.get("loc").toString());

        assertProblem(app.post("/api/v1/items", "{\"title\":\"a\",\"count\":\"12\",\"done\":true}"), 422);
        assertProblem(app.post("/api/v1/items", "{\"title\":12,\"count\":1,\"done\":true}"), 422);
        assertProblem(app.post("/api/v1/items", "{\"title\":\"a\",\"count\":1,\"done\":\"true\"}"), 422);
        assertProblem(app.post("/api/v1/items", "{\"title\":\"a\",\"count\":null,\"done\":true}"), 422);
        assertProblem(app.post("/api/v1/items", "{\"title\":\"a\",\"title\":\"b\",\"count\":1,\"done\":true}"), 400);
    }

    @Test
    void handMappedBodiesCanRefuseEveryExtraField() throws Exception {
        assertEquals(200, app.post("/api/v1/raw", "{\"a\":1}").statusCode());
        HttpResponse<String> extra = app.post("/api/v1/raw", "{\"a\":1,\"x\":2,\"y\":3}");
        assertProblem(extra, 422);
        assertEquals(2, TestServer.json(extra).get("errors").size());
        assertProblem(app.post("/api/v1/raw", "[1]"), 422);
        assertProblem(app.post("/api/v1/raw", null), 422);
    }

    @Test
    void corsAllowsListedOriginsAndRefusesNull() throws Exception {
        HttpResponse<String> allowed = app.get("/health", "Origin", "https://app.example.com");
        assertEquals(
                "https://app.example.com",
                allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse<String> other = app.get("/health", "Origin", "https://evil.example.com");
        assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertProblem(app.get("/health", "Origin", "null"), 403);
        HttpResponse<String> preflight = app.send(
                "OPTIONS",
                "/api/v1/items",
                null,
                "Origin",
                "https://app.example.com",
                "Access-Control-Request-Method",
                "POST");
        assertEquals(204, preflight.statusCode());
        assertSecurityHeaders(preflight);
        assertProblem(
                app.send(
                        "OPTIONS",
                        "/api/v1/items",
                        null,
                        "Origin",
                        "https://evil.example.com",
                        "Access-Control-Request-Method",
                        "POST"),
                403);
    }

    @Test
    void methodOverrideHeadersAreIgnored() throws Exception {
        int before = DELETES.get();
        HttpResponse<String> response = app.get(
                "/api/v1/items/7",
                "X-HTTP-Method-Override",
                "DELETE",
                "X-HTTP-Method",
                "DELETE",
                "X-Method-Override",
                "DELETE");
        assertEquals(200, response.statusCode());
        assertEquals(before, DELETES.get());
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        for (String path : List.of(
                "/api/v1/items/../../etc/passwd",
                "/api/v1/items/%2e%2e/health",
                "/api/v1/items/..%2fhealth",
                "/api/v1/items/a%5c..",
                "/api/v1//items/1",
                "/api/v1/items/1;x=..")) {
            String answer = app.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String statusLine = answer.substring(0, answer.indexOf('\r'));
            assertTrue(statusLine.contains(" 400 "), path + " -> " + statusLine);
            assertTrue(answer.contains("X-Frame-Options: DENY"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertFalse(answer.contains("Server:"), answer);
        }
    }

    @Test
    void jettyLevelErrorsAreProblemJsonWithHeaders() throws Exception {
        String answer = app.raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer.substring(0, Math.min(200, answer.length())));
        assertTrue(answer.contains("X-Content-Type-Options: nosniff"), answer);
        assertFalse(answer.contains("Server:"), answer);
    }

    @Test
    void prodModeSendsHstsAndXssCanBeConfigured() throws Exception {
        try (TestServer prod = TestServer.start(
                TestServer.env(
                        "MODE",
                        "prod",
                        "BCRYPT_COST",
                        "10",
                        "X_XSS_PROTECTION",
                        "1; mode=block",
                        "FRONTEND_URL",
                        "https://app.example.com",
                        "PUBLIC_URL",
                        "https://api.example.com",
                        "SMTP_URL",
                        "smtps://smtp.example.com",
                        "MAIL_FROM",
                        "no-reply@example.com"),
                new Routes())) {
            HttpResponse<String> response = prod.get("/nowhere");
            assertEquals(404, response.statusCode());
            assertEquals(
                    "max-age=31536000; includeSubDomains",
                    response.headers().firstValue("Strict-Transport-Security").orElseThrow());
            assertEquals(
                    "1; mode=block",
                    response.headers().firstValue("X-XSS-Protection").orElseThrow());
            assertNull(response.headers().firstValue("Server").orElse(null));
        }
    }

    @Test
    void healthFailsWhenTheDatabaseDoesNotAnswer() throws Exception {
        InstaCrudServer server = InstaCrudServer.builder(
                        dev.instacrud.runtime.config.RuntimeConfig.from(TestServer.env()), TestServer.freshDatabase())
                .host("127.0.0.1")
                .healthCheck(() -> false)
                .build();
        try (TestServer down = new TestServer(server, null)) {
            assertProblem(down.get("/health"), 503);
        }
    }
}
