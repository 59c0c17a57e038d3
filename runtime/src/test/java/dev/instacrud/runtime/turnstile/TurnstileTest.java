package dev.instacrud.runtime.turnstile;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 7: Turnstile is verified server-side and every outcome but success refuses (400). */
class TurnstileTest {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static HttpServer stub;
    static TestServer app;
    static volatile Map<String, String> lastForm = Map.of();

    @BeforeAll
    static void start() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/siteverify", exchange -> {
            Map<String, String> form = new HashMap<>();
            for (String pair :
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            lastForm = form;
            String answer = switch (form.get("response")) {
                case "pass" -> "{\"success\":true,\"error-codes\":[],\"hostname\":\"example.com\"}";
                case "fail" -> "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}";
                case "string" -> "{\"success\":\"true\"}";
                case "garbage" -> "<html>oops</html>";
                case "slow" -> {
                    try {
                        Thread.sleep(6000); // well past TURNSTILE_TIMEOUT_MS
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield "{\"success\":true}";
                }
                default -> "{\"success\":false}";
            };
            int status = form.get("response").equals("status500") ? 500 : 200;
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        app = TestServer.start(
                TestServer.env(
                        "TURNSTILE_SECRET_KEY",
                        "ts-secret",
                        "TURNSTILE_SITE_KEY",
                        "site",
                        "TURNSTILE_VERIFY_URL",
                        "http://127.0.0.1:" + stub.getAddress().getPort() + "/siteverify",
                        "TURNSTILE_TIMEOUT_MS",
                        // long enough for a loaded CI machine (300 ms failed a passing check there)
                        "2000"),
                new Routes());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        stub.stop(0);
    }

    static HttpResponse<String> signup(String email, String... token) throws Exception {
        String body =
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"T\",\"organization\":\"O\"}";
        return token.length == 0
                ? app.post("/api/v1/auth/signup", body)
                : app.post("/api/v1/auth/signup", body, "CF-Turnstile-Token", token[0]);
    }

    @Test
    void onlyADefiniteSuccessPasses() throws Exception {
        HttpResponse<String> ok = signup("pass@example.com", "pass");
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals("ts-secret", lastForm.get("secret"));
        assertEquals("pass", lastForm.get("response"));
        assertEquals("127.0.0.1", lastForm.get("remoteip"));
        assertTrue(lastForm.get("idempotency_key").length() >= 32);

        assertProblem(signup("none@example.com"), 400);
        for (String token : new String[] {"fail", "string", "garbage", "slow", "status500", "x".repeat(3000)}) {
            HttpResponse<String> refused =
                    signup(token.length() > 20 ? "long@example.com" : token + "@example.com", token);
            assertProblem(refused, 400);
            assertEquals(
                    "Bot verification failed",
                    TestServer.json(refused).get("detail").asText(),
                    token);
        }
    }

    @Test
    void signinAndInvitationsNeedItToo() throws Exception {
        assertEquals(201, signup("admin@example.com", "pass").statusCode());
        assertProblem(
                app.post("/api/v1/auth/signin", "{\"email\":\"admin@example.com\",\"password\":\"correct horse\"}"),
                400);
        HttpResponse<String> signin = app.post(
                "/api/v1/auth/signin",
                "{\"email\":\"admin@example.com\",\"password\":\"correct horse\"}",
                "CF-Turnstile-Token",
                "pass");
        assertEquals(200, signin.statusCode());
        String bearer = "Bearer " + TestServer.json(signin).get("access_token").asText();
        assertProblem(
                app.post(
                        "/api/v1/auth/invitations",
                        "{\"email\":\"i@example.com\",\"role\":\"USER\"}",
                        "Authorization",
                        bearer,
                        "CF-Turnstile-Token",
                        "fail"),
                400);
        assertEquals(
                201,
                app.post(
                                "/api/v1/auth/invitations",
                                "{\"email\":\"i@example.com\",\"role\":\"USER\"}",
                                "Authorization",
                                bearer,
                                "CF-Turnstile-Token",
                                "pass")
                        .statusCode());
    }
}
