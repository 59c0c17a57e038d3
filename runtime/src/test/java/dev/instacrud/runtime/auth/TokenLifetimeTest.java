package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 6: an access token is honoured from its {@code iat} to its {@code exp} give or take a small
 * leeway ({@code JWT_LEEWAY_SECONDS}, 5 s by default), not nimbus's default 60 s; an {@code iat} in the
 * future beyond the leeway and a lifetime ({@code exp - iat}) longer than {@code ACCESS_TOKEN_TTL_SECONDS}
 * are refused. Real tokens over HTTP, time moved by the server's clock, never by sleeping.
 */
class TokenLifetimeTest {
    static MutableClock clock;
    static TestServer app;
    static String userId;
    static String sessionId;

    @BeforeAll
    static void start() throws Exception {
        clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        app = TestServer.start(
                TestServer.env("ACCESS_TOKEN_TTL_SECONDS", "3600"), new Routes(), TestServer.freshDatabase(), clock);
        String bearer = app.signupAdmin("lifetime@example.com");
        userId = TestServer.json(app.get("/api/v1/me", "Authorization", bearer))
                .get("id")
                .asText();
        sessionId = TokenTamperingTest.sessionOf(bearer);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    /** A token signed with the server's own secret, issued at {@code iat} and expiring at {@code exp}. */
    static String token(Instant iat, Instant exp) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("instacrud")
                .audience("instacrud-api")
                .subject(userId)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId)
                .claim("epoch", 0L)
                .build();
        return "Bearer "
                + TokenTamperingTest.hmac(
                        JWSAlgorithm.HS256, TestServer.SECRET.getBytes(StandardCharsets.UTF_8), claims);
    }

    static int me(TestServer server, String bearer) throws Exception {
        return server.get("/api/v1/me", "Authorization", bearer).statusCode();
    }

    @Test
    void anIssuedTokenExpiresWithinTheLeeway() throws Exception {
        String bearer = app.signin("lifetime@example.com", "correct horse");
        Instant issued = clock.instant();
        try {
            clock.advance(Duration.ofSeconds(3600 + 3));
            assertEquals(200, me(app, bearer), "3 s past exp is inside the 5 s leeway");
            clock.advance(Duration.ofSeconds(27));
            assertProblem(app.get("/api/v1/me", "Authorization", bearer), 401);
        } finally {
            clock.advance(Duration.between(clock.instant(), issued));
        }
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        Instant now = clock.instant();
        assertProblem(
                app.get(
                        "/api/v1/me",
                        "Authorization",
                        token(
                                now.plus(Duration.ofDays(365)),
                                now.plus(Duration.ofDays(365)).plusSeconds(3600))),
                401);
        assertProblem(app.get("/api/v1/me", "Authorization", token(now.plusSeconds(60), now.plusSeconds(3660))), 401);
        assertEquals(200, me(app, token(now.plusSeconds(3), now.plusSeconds(3603))), "3 s ahead is clock skew");
    }

    @Test
    void aTokenLivingLongerThanTheConfiguredLifetimeIsRefused() throws Exception {
        Instant now = clock.instant();
        assertProblem(
                app.get("/api/v1/me", "Authorization", token(now.minusSeconds(10), now.plus(Duration.ofDays(30)))),
                401);
        assertProblem(app.get("/api/v1/me", "Authorization", token(now, now.plusSeconds(3600 + 60))), 401);
        assertEquals(200, me(app, token(now, now.plusSeconds(3600))));
    }

    @Test
    void theLeewayIsConfigurable() throws Exception {
        try (TestServer strict = TestServer.start(
                TestServer.env("JWT_LEEWAY_SECONDS", "0", "ACCESS_TOKEN_TTL_SECONDS", "3600"),
                new Routes(),
                app.db,
                clock)) {
            Instant now = clock.instant();
            assertEquals(200, me(strict, token(now.minusSeconds(3599), now.plusSeconds(1))));
            assertProblem(
                    strict.get("/api/v1/me", "Authorization", token(now.minusSeconds(3601), now.minusSeconds(1))), 401);
            assertProblem(
                    strict.get("/api/v1/me", "Authorization", token(now.plusSeconds(1), now.plusSeconds(3601))), 401);
        }
    }
}
