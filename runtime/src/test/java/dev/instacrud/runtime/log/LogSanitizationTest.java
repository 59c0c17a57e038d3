package dev.instacrud.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.TestServer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Item 8: what reaches the logs, captured from a running server. */
class LogSanitizationTest {
    static final String IMAGE =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    static TestServer app;
    static ListAppender<ILoggingEvent> captured = new ListAppender<>();
    static Logger root;
    static Level oldLevel;

    @BeforeAll
    static void start() throws Exception {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger instacrud = (Logger) LoggerFactory.getLogger("dev.instacrud");
        oldLevel = instacrud.getLevel();
        instacrud.setLevel(Level.INFO);
        captured.start();
        root.addAppender(captured);
        Routes routes = new Routes();
        routes.post("/api/v1/profile", request -> {
                    // a careless handler that puts client input into an exception message
                    throw new IllegalStateException("cannot save " + request.body() + " note="
                            + request.queryParam("note").orElse(""));
                })
                .publicRoute()
                .queryParams("note");
        app = TestServer.start(TestServer.env(), routes);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        root.detachAppender(captured);
        ((Logger) LoggerFactory.getLogger("dev.instacrud")).setLevel(oldLevel);
    }

    /** The log once it contains {@code expected}: access lines are written when a response completes. */
    static String logsContaining(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String logs = logs();
        while (!logs.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            logs = logs();
        }
        return logs;
    }

    static String logs() {
        synchronized (captured) { // AppenderBase appends under the appender's own lock
            return captured.list.stream()
                            .map(ILoggingEvent::getFormattedMessage)
                            .collect(Collectors.joining("\n")) + "\n";
        }
    }

    @Test
    void base64PasswordsTokensAndLineBreaksNeverReachTheLog() throws Exception {
        String body =
                "{\"avatar\":\"" + IMAGE + "\",\"password\":\"hunter2-very-secret\",\"access_token\":\"tok-123456\"}";
        assertEquals(
                500,
                app.post("/api/v1/profile?note=ok%0d%0aINFO%20forged%20admin%20login", body)
                        .statusCode());
        String logs = logs();
        assertTrue(logs.contains("data:image/png;base64,iVBORw0..."), logs);
        assertFalse(logs.contains("iVBORw0KGgo"), logs);
        assertFalse(logs.contains("hunter2"), logs);
        assertFalse(logs.contains("tok-123456"), logs);
        assertTrue(logs.contains("\"password\":\"***\""), logs);
        assertTrue(logs.contains("ok\\r\\nINFO forged admin login"), logs);
        for (String line : logs.split("\n")) {
            assertFalse(line.startsWith("INFO forged"), line);
        }
    }

    @Test
    void signinValuesAreNotLogged() throws Exception {
        app.post("/api/v1/auth/signin", "{\"email\":\"ghost@example.com\",\"password\":\"my-password-123\"}");
        String logs = logs();
        assertFalse(logs.contains("my-password-123"), logs);
        String token = app.signupAdmin("logged@example.com").substring(7);
        app.get("/api/v1/me", "Authorization", "Bearer " + token);
        assertFalse(logs().contains(token), "token in logs");
    }

    @Test
    void oneAccessLogLinePerRequest() throws Exception {
        String auth = app.signupAdmin("access@example.com");
        String id = TestServer.json(app.get("/api/v1/me", "Authorization", auth))
                .get("id")
                .asText();
        var response = app.get("/api/v1/me", "Authorization", auth);
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        logsContaining("request=" + requestId);
        List<String> lines;
        synchronized (captured) { // AppenderBase appends under the appender's own lock
            lines = captured.list.stream()
                    .filter(e -> e.getLoggerName().equals("dev.instacrud.access"))
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("request=" + requestId))
                    .toList();
        }
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("GET /api/v1/me 200 "), line);
        assertTrue(line.matches(".* [0-9.]+ms request=[0-9a-f]{24} user=" + id), line);
    }

    @Test
    void accessLogKeepsIdsInLongPathsAndCutsBase64Segments() throws Exception {
        String auth = app.signupAdmin("paths@example.com");
        String longPath = "/api/v1/some-long-collection-name/6b0bbe97a4bd43686d4486b6";
        String blob = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w";
        var first = app.get(longPath, "Authorization", auth);
        var second = app.get("/api/v1/x/" + blob, "Authorization", auth);
        logsContaining("GET " + longPath);
        String logs = logsContaining("GET /api/v1/x/");
        assertTrue(logs.contains("GET " + longPath + " " + first.statusCode()), logs);
        assertTrue(logs.contains("GET /api/v1/x/" + blob.substring(0, 7) + "... " + second.statusCode()), logs);
    }
}
