package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.metrics.AuthFailure;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 target 5: verified access tokens are remembered by their signature until they expire, and that never
 * outlives a revocation. A remembered token says exactly what verifying it again would (same claims, refused once
 * past {@code exp} plus the leeway, found only by the very same token), and the user and session checks still run
 * on every request: a token used (so remembered) on two instances is refused on the instance that deactivates the
 * user or ends the session at once, and on the other within {@code USER_CACHE_SECONDS}.
 */
class VerifiedTokenCacheTest {
    static final String PASSWORD = "correct horse";
    static MutableClock clock;
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() throws Exception {
        clock = new MutableClock(Instant.parse("2032-03-01T08:00:00Z"));
        MongoDatabase db = TestServer.freshDatabase();
        a = TestServer.start(TestServer.env(), new Routes(), db, clock);
        b = TestServer.start(TestServer.env(), new Routes(), db, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
    }

    static TokenService tokens(MutableClock clock) {
        return new TokenService(
                TestServer.SECRET.getBytes(StandardCharsets.UTF_8),
                "instacrud",
                "instacrud-api",
                Duration.ofMinutes(15),
                Duration.ofSeconds(5),
                clock);
    }

    @Test
    void aRememberedTokenSaysWhatVerifyingItAgainWould() {
        TokenService service = tokens(new MutableClock(Instant.parse("2032-03-01T08:00:00Z")));
        String token = service.issue("64b000000000000000000001", "64b0000000000000000000aa", 3)
                .accessToken();
        TokenService.Claims first = service.verify(token);
        assertEquals(1, service.rememberedTokens());
        assertEquals(first, service.verify(token));
        assertEquals(new TokenService.Claims("64b000000000000000000001", "64b0000000000000000000aa", 3), first);
        assertEquals(1, service.rememberedTokens());
    }

    @Test
    void anotherPayloadUnderARememberedSignatureIsRefused() {
        TokenService service = tokens(new MutableClock(Instant.parse("2032-03-01T08:00:00Z")));
        String token = service.issue("64b000000000000000000001", "64b0000000000000000000aa", 0)
                .accessToken();
        service.verify(token);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replace("64b000000000000000000001", "64b000000000000000000002")
                                .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        TokenService.TokenRefused refused = assertThrows(TokenService.TokenRefused.class, () -> service.verify(forged));
        assertEquals(AuthFailure.INVALID_TOKEN, refused.reason());
        assertEquals("64b000000000000000000001", service.verify(token).userId());
    }

    @Test
    void aRememberedTokenExpiresWhenVerifyingWouldRefuseIt() {
        MutableClock time = new MutableClock(Instant.parse("2032-03-01T08:00:00Z"));
        TokenService service = tokens(time);
        String token = service.issue("64b000000000000000000001", "64b0000000000000000000aa", 0)
                .accessToken();
        service.verify(token);
        time.advance(Duration.ofMinutes(15).plusSeconds(4)); // inside the 5 s leeway
        assertEquals("64b000000000000000000001", service.verify(token).userId());
        time.advance(Duration.ofSeconds(1)); // exp + leeway: nimbus refuses from here
        TokenService.TokenRefused refused = assertThrows(TokenService.TokenRefused.class, () -> service.verify(token));
        assertEquals(AuthFailure.EXPIRED_TOKEN, refused.reason());
        assertThrows(TokenService.TokenRefused.class, () -> service.verify(token));
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens cache = new VerifiedTokens();
        TokenService.Claims claims = new TokenService.Claims("u", "s", 0);
        for (int i = 0; i <= VerifiedTokens.MAX_CACHED; i++) {
            cache.put("h.p.signature" + i, claims, Long.MAX_VALUE);
        }
        assertTrue(cache.size() <= VerifiedTokens.MAX_CACHED, "size " + cache.size());
        assertEquals(claims, cache.get("h.p.signature" + VerifiedTokens.MAX_CACHED, 0));
        assertEquals(null, cache.get("h.p.signature0", 0)); // emptied when full, verified again on next use
    }

    @Test
    void aRememberedTokenIsRefusedOnceTheUserIsDeactivated() throws Exception {
        String admin = a.signupAdmin("cache-admin@example.com");
        JsonNode invitation = TestServer.json(a.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"cache-member@example.com\",\"role\":\"USER\"}",
                "Authorization",
                admin));
        HttpResponse<String> joined = a.post(
                "/api/v1/auth/signup",
                "{\"email\":\"cache-member@example.com\",\"password\":\"" + PASSWORD
                        + "\",\"name\":\"Member\",\"invitation\":\""
                        + invitation.get("code").asText() + "\"}");
        assertEquals(201, joined.statusCode(), joined.body());
        String memberId = TestServer.json(joined).get("userId").asText();
        String member = a.signin("cache-member@example.com", PASSWORD);
        for (TestServer server : new TestServer[] {a, b, a, b}) { // verified, then remembered, on both
            assertEquals(200, server.get("/api/v1/me", "Authorization", member).statusCode());
        }

        HttpResponse<String> deactivated =
                a.post("/api/v1/users/" + memberId + "/deactivate", null, "Authorization", admin);
        assertEquals(200, deactivated.statusCode(), deactivated.body());
        assertProblem(a.get("/api/v1/me", "Authorization", member), 401); // this instance: at once
        clock.advance(Duration.ofSeconds(6)); // USER_CACHE_SECONDS is 5: the bound for every other instance
        assertProblem(b.get("/api/v1/me", "Authorization", member), 401);
        assertProblem(a.get("/api/v1/me", "Authorization", member), 401);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsSessionEnds() throws Exception {
        a.signupAdmin("cache-signout@example.com");
        String bearer = a.signin("cache-signout@example.com", "correct horse");
        for (TestServer server : new TestServer[] {a, b, a, b}) {
            assertEquals(200, server.get("/api/v1/me", "Authorization", bearer).statusCode());
        }
        assertEquals(
                204,
                a.post("/api/v1/auth/signout", null, "Authorization", bearer).statusCode());
        assertProblem(a.get("/api/v1/me", "Authorization", bearer), 401);
        clock.advance(Duration.ofSeconds(6));
        assertProblem(b.get("/api/v1/me", "Authorization", bearer), 401);
    }
}
