package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4: sign-in answers a short-lived access token and an opaque refresh token (only its hash stored);
 * a refresh rotates it, and presenting a rotated one again revokes its whole family, so the thief's and the
 * victim's next refresh both fail; sign-out ends the current session (its refresh and access tokens), sign-out-all
 * every session; refresh tokens die unused after {@code REFRESH_TOKEN_TTL_DAYS} and with their session after {@code
 * SESSION_MAX_DAYS}; a revocation made on one instance is honoured by another within {@code USER_CACHE_SECONDS}.
 * Real HTTP, time moved by the server's clock.
 */
class RefreshTokenTest {
    static final String PASSWORD = "correct horse";
    static MutableClock clock;
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        clock = new MutableClock(Instant.parse("2031-03-01T08:00:00Z"));
        app = TestServer.start(TestServer.env(), new Routes(), TestServer.freshDatabase(), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static HttpResponse<String> refresh(TestServer server, String token) throws Exception {
        return server.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    }

    static int me(TestServer server, JsonNode tokens) throws Exception {
        return server.get(
                        "/api/v1/me",
                        "Authorization",
                        "Bearer " + tokens.get("access_token").asText())
                .statusCode();
    }

    @Test
    void signInAnswersAShortLivedAccessTokenAndARefreshTokenStoredOnlyAsItsHash() throws Exception {
        app.signup("pair@example.com", PASSWORD);
        JsonNode tokens = app.signinTokens("pair@example.com", PASSWORD);
        assertEquals("bearer", tokens.get("token_type").asText());
        assertEquals(900, tokens.get("expires_in").asInt());
        assertEquals(
                Duration.ofDays(14).toSeconds(),
                tokens.get("refresh_expires_in").asLong());
        String refresh = tokens.get("refresh_token").asText();
        assertTrue(refresh.length() >= 43, refresh);
        for (String collection : List.of("refresh_tokens", "sessions", "users")) {
            for (Document doc : app.db.getCollection(collection).find()) {
                assertFalse(doc.toJson().contains(refresh), collection + " holds the refresh token in clear");
            }
        }
        assertEquals(
                1, app.db.getCollection("refresh_tokens").countDocuments(new Document("_id", Hashes.sha256(refresh))));
    }

    @Test
    void aRefreshRotatesAndAReusedTokenRevokesTheWholeFamily() throws Exception {
        app.signup("victim@example.com", PASSWORD);
        JsonNode first = app.signinTokens("victim@example.com", PASSWORD);
        String stolen = first.get("refresh_token").asText();

        HttpResponse<String> rotated = refresh(app, stolen); // the victim's client refreshes
        assertEquals(200, rotated.statusCode(), rotated.body());
        JsonNode victim = TestServer.json(rotated);
        assertNotEquals(stolen, victim.get("refresh_token").asText());
        assertEquals(200, me(app, victim));

        assertProblem(refresh(app, stolen), 401); // the thief replays the stolen one: reuse
        assertProblem(refresh(app, victim.get("refresh_token").asText()), 401); // the victim's next refresh fails too
        assertEquals(401, me(app, victim), "the family's access token is refused at once");
        assertEquals(401, me(app, first), "and so is the first one");
        assertProblem(refresh(app, stolen), 401);

        JsonNode again = app.signinTokens("victim@example.com", PASSWORD);
        assertEquals(200, me(app, again), "signing in again starts a new family");
        assertEquals(200, refresh(app, again.get("refresh_token").asText()).statusCode());
    }

    @Test
    void aReuseRevokesOnlyItsOwnFamily() throws Exception {
        app.signup("two-devices@example.com", PASSWORD);
        JsonNode laptop = app.signinTokens("two-devices@example.com", PASSWORD);
        JsonNode phone = app.signinTokens("two-devices@example.com", PASSWORD);
        String old = laptop.get("refresh_token").asText();
        assertEquals(200, refresh(app, old).statusCode());
        assertProblem(refresh(app, old), 401);
        assertEquals(200, me(app, phone));
        assertEquals(200, refresh(app, phone.get("refresh_token").asText()).statusCode());
    }

    @Test
    void concurrentRefreshesWithOneTokenRotateItOnceAndCountAsReuse() throws Exception {
        app.signup("racer@example.com", PASSWORD);
        String token = app.signinTokens("racer@example.com", PASSWORD)
                .get("refresh_token")
                .asText();
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return refresh(app, token);
                }));
            }
            go.countDown();
            List<JsonNode> won = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertTrue(response.statusCode() == 200 || response.statusCode() == 401, response.body());
                if (response.statusCode() == 200) {
                    won.add(TestServer.json(response));
                }
            }
            // At most one rotation: the others are reuses, which revoke the session, and a reuse seen before the
            // winner has read its session back leaves no winner at all (fail closed; seen under load).
            assertTrue(won.size() <= 1, "at most one rotation: " + won.size());
            for (JsonNode winner : won) {
                assertProblem(refresh(app, winner.get("refresh_token").asText()), 401); // the session was revoked
            }
            assertProblem(refresh(app, token), 401);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signOutEndsTheCurrentSessionAndSignOutAllEndsEveryOne() throws Exception {
        app.signup("leaving@example.com", PASSWORD);
        JsonNode a = app.signinTokens("leaving@example.com", PASSWORD);
        JsonNode b = app.signinTokens("leaving@example.com", PASSWORD);
        JsonNode c = app.signinTokens("leaving@example.com", PASSWORD);
        assertEquals(
                204,
                app.post(
                                "/api/v1/auth/signout",
                                null,
                                "Authorization",
                                "Bearer " + a.get("access_token").asText())
                        .statusCode());
        assertEquals(401, me(app, a));
        assertProblem(refresh(app, a.get("refresh_token").asText()), 401);
        assertEquals(200, me(app, b), "another session goes on");

        assertEquals(
                204,
                app.post(
                                "/api/v1/auth/signout-all",
                                null,
                                "Authorization",
                                "Bearer " + b.get("access_token").asText())
                        .statusCode());
        for (JsonNode session : List.of(b, c)) {
            assertEquals(401, me(app, session));
            assertProblem(refresh(app, session.get("refresh_token").asText()), 401);
        }
        assertProblem(app.post("/api/v1/auth/signout", null), 401);
        assertEquals(200, me(app, app.signinTokens("leaving@example.com", PASSWORD)));
    }

    @Test
    void refreshTokensDieUnusedAndSessionsEndWhateverTheRefreshes() throws Exception {
        app.signup("idle@example.com", PASSWORD);
        String idle = app.signinTokens("idle@example.com", PASSWORD)
                .get("refresh_token")
                .asText();
        JsonNode kept = app.signinTokens("idle@example.com", PASSWORD);
        Instant started = clock.instant();
        try {
            clock.advance(Duration.ofDays(13));
            kept = TestServer.json(refresh(app, kept.get("refresh_token").asText()));
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertProblem(refresh(app, idle), 401); // 14 days unused
            for (int i = 0; i < 6; i++) { // used every 13 days: lives until the session's 90 days
                HttpResponse<String> next =
                        refresh(app, kept.get("refresh_token").asText());
                assertEquals(
                        200,
                        next.statusCode(),
                        "day " + Duration.between(started, clock.instant()).toDays());
                kept = TestServer.json(next);
                clock.advance(Duration.ofDays(13));
            }
            // the last refresh, on day 79, got a token that dies with the session on day 90, not 14 days later
            assertEquals(
                    Duration.ofDays(11).minusSeconds(1).toSeconds(),
                    kept.get("refresh_expires_in").asLong());
            assertProblem(refresh(app, kept.get("refresh_token").asText()), 401); // day 92: past 90 days
        } finally {
            clock.advance(Duration.between(clock.instant(), started));
        }
    }

    @Test
    void badRefreshBodiesAreRefusedBeforeAnyLookUp() throws Exception {
        assertProblem(app.post("/api/v1/auth/refresh", "{\"refresh_token\":{\"$gt\":\"\"}}"), 422);
        assertProblem(app.post("/api/v1/auth/refresh", "{}"), 422);
        assertProblem(app.post("/api/v1/auth/refresh", "{\"refresh_token\":\"\"}"), 401);
        assertProblem(app.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + "x".repeat(5000) + "\"}"), 401);
        assertProblem(refresh(app, "made-up-token-made-up-token-made-up-token-xx"), 401);
    }

    @Test
    void anotherInstanceHonoursARevocationWithinTheUserCache() throws Exception {
        MongoDatabase shared = TestServer.freshDatabase();
        MutableClock time = new MutableClock(Instant.parse("2031-05-01T08:00:00Z"));
        try (TestServer one = TestServer.start(TestServer.env(), new Routes(), shared, time);
                TestServer two =
                        TestServer.start(TestServer.env("USER_CACHE_SECONDS", "5"), new Routes(), shared, time)) {
            one.signup("instances@example.com", PASSWORD);
            JsonNode tokens = one.signinTokens("instances@example.com", PASSWORD);
            assertEquals(200, me(two, tokens), "instance two caches the session and the user for 5 s");
            assertEquals(
                    204,
                    one.post(
                                    "/api/v1/auth/signout",
                                    null,
                                    "Authorization",
                                    "Bearer " + tokens.get("access_token").asText())
                            .statusCode());
            assertEquals(401, me(one, tokens), "at once where it was revoked");
            time.advance(Duration.ofSeconds(4));
            assertEquals(200, me(two, tokens), "still inside instance two's cache");
            time.advance(Duration.ofSeconds(2));
            assertEquals(401, me(two, tokens), "refused once the cache's 5 s are over");
        }
    }
}
