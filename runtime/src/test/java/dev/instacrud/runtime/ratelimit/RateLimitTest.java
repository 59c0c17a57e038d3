package dev.instacrud.runtime.ratelimit;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static dev.instacrud.runtime.testing.HttpAssertions.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.app.InstaCrudServer;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Item 5: per-IP and per-user limits, exact under concurrency, shared across instances through MongoDB. */
class RateLimitTest {
    static final String SIGNIN = "{\"email\":\"nobody@example.com\",\"password\":\"wrong horse\"}";

    static int countAllowed(List<Callable<HttpResponse<String>>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            int allowed = 0;
            for (Future<HttpResponse<String>> future : pool.invokeAll(calls)) {
                HttpResponse<String> response = future.get();
                if (response.statusCode() == 429) {
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    assertSecurityHeaders(response);
                } else {
                    assertEquals(401, response.statusCode(), response.body());
                    allowed++;
                }
            }
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inMemoryLimitLetsExactlyTheLimitThroughUnderConcurrency() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:10Z"));
        try (TestServer app = TestServer.start(
                TestServer.env("AUTH_RATE_LIMIT", "5/minute"), new Routes(), TestServer.freshDatabase(), clock)) {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> app.post("/api/v1/auth/signin", SIGNIN));
            }
            assertEquals(5, countAllowed(calls));
            HttpResponse<String> refused = app.post("/api/v1/auth/signin", SIGNIN);
            assertEquals(429, refused.statusCode());
            long retry =
                    Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
            clock.advance(Duration.ofSeconds(61));
            assertEquals(401, app.post("/api/v1/auth/signin", SIGNIN).statusCode());
        }
    }

    @Test
    void mongoLimitHoldsAcrossTwoInstancesSharingOneDatabase() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:10Z"));
        MongoDatabase shared = TestServer.freshDatabase();
        var env = TestServer.env("AUTH_RATE_LIMIT", "10/minute", "RATE_LIMIT_STORE", "mongo");
        try (TestServer one = TestServer.start(env, new Routes(), shared, clock);
                TestServer two = TestServer.start(env, new Routes(), shared, clock)) {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                TestServer target = i % 2 == 0 ? one : two;
                calls.add(() -> target.post("/api/v1/auth/signin", SIGNIN));
            }
            assertEquals(10, countAllowed(calls));
            clock.advance(Duration.ofMinutes(1));
            assertEquals(401, two.post("/api/v1/auth/signin", SIGNIN).statusCode());
        }
    }

    @Test
    void authenticatedRoutesAreLimitedPerUser() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:10Z"));
        try (TestServer app = TestServer.start(
                TestServer.env("API_RATE_LIMIT", "3/minute"), new Routes(), TestServer.freshDatabase(), clock)) {
            String alice = app.signupAdmin("alice@example.com");
            String bob = app.signupAdmin("bob@example.com");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, app.get("/api/v1/me", "Authorization", alice).statusCode());
            }
            assertProblem(app.get("/api/v1/me", "Authorization", alice), 429);
            assertEquals(200, app.get("/api/v1/me", "Authorization", bob).statusCode());
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        try (TestServer direct = TestServer.start("AUTH_RATE_LIMIT", "1/minute");
                TestServer proxied = TestServer.start("AUTH_RATE_LIMIT", "1/minute", "TRUSTED_PROXIES", "127.0.0.1")) {
            assertEquals(
                    401,
                    direct.post("/api/v1/auth/signin", SIGNIN, "X-Forwarded-For", "203.0.113.1")
                            .statusCode());
            assertEquals(
                    429,
                    direct.post("/api/v1/auth/signin", SIGNIN, "X-Forwarded-For", "203.0.113.2")
                            .statusCode());

            assertEquals(
                    401,
                    proxied.post("/api/v1/auth/signin", SIGNIN, "X-Forwarded-For", "203.0.113.1")
                            .statusCode());
            assertEquals(
                    401,
                    proxied.post("/api/v1/auth/signin", SIGNIN, "X-Forwarded-For", "203.0.113.2")
                            .statusCode());
            // a client-chosen left-most entry does not help: the proxy appended the real address
            assertEquals(
                    429,
                    proxied.post("/api/v1/auth/signin", SIGNIN, "X-Forwarded-For", "1.1.1.1, 203.0.113.2")
                            .statusCode());
        }
    }

    @Test
    void testModeDisablesLimitsAndSaysSo() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(InstaCrudServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestServer app = TestServer.start(
                TestServer.env("MODE", "test", "AUTH_RATE_LIMIT", "1/minute"),
                new Routes(),
                TestServer.freshDatabase(),
                Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                assertEquals(401, app.post("/api/v1/auth/signin", SIGNIN).statusCode());
            }
            assertTrue(
                    appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains("rate limits are DISABLED")),
                    "no start-up warning");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
