package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.Mailbox;
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
 * Issue 12 items 2 and 3: a password change checks the current password, applies sign-up's rules, ends every
 * other session (a token issued before is a 401 right after) and answers with fresh tokens; a password reset answers
 * the same whether or not the address has an account, mails a one-time link (hashed at rest, short-lived, single use
 * even when 32 requests redeem it at once), and setting the password through it ends every session. Real HTTP, real
 * SMTP on loopback.
 */
class PasswordLifecycleTest {
    static final String PASSWORD = "correct horse";
    static final Duration WAIT = Duration.ofSeconds(20);
    static Mailbox mailbox;
    static MutableClock clock;
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        clock = new MutableClock(Instant.parse("2031-07-01T09:00:00Z"));
        app = TestServer.start(TestServer.env(mailbox.env()), new Routes(), TestServer.freshDatabase(), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        mailbox.close();
    }

    static HttpResponse<String> change(String bearer, String current, String fresh) throws Exception {
        return app.post(
                "/api/v1/auth/password",
                "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + fresh + "\"}",
                "Authorization",
                bearer);
    }

    static HttpResponse<String> requestReset(String email) throws Exception {
        return app.post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}");
    }

    static HttpResponse<String> confirm(String token, String password) throws Exception {
        return app.post(
                "/api/v1/auth/password-reset/confirm",
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + password + "\"}");
    }

    static int me(String bearer) throws Exception {
        return app.get("/api/v1/me", "Authorization", bearer).statusCode();
    }

    @Test
    void aTokenIssuedBeforeAPasswordChangeIsRefusedAfterIt() throws Exception {
        app.signup("changer@example.com", PASSWORD);
        JsonNode other = app.signinTokens("changer@example.com", PASSWORD); // another device
        String bearer = app.signin("changer@example.com", PASSWORD);

        assertProblem(change(bearer, "wrong horse", "battery staple"), 400);
        assertProblem(change(bearer, PASSWORD, "short"), 422);
        assertProblem(change(bearer, PASSWORD, "x".repeat(73)), 422);
        assertEquals(200, me(bearer), "refused changes change nothing");

        HttpResponse<String> changed = change(bearer, PASSWORD, "battery staple");
        assertEquals(200, changed.statusCode(), changed.body());
        JsonNode fresh = TestServer.json(changed);
        assertEquals(401, me(bearer), "the token used for the change is refused right after it");
        assertEquals(401, me("Bearer " + other.get("access_token").asText()), "and so is every other session's");
        assertProblem(RefreshTokenTest.refresh(app, other.get("refresh_token").asText()), 401);
        assertEquals(200, me("Bearer " + fresh.get("access_token").asText()), "the answer is a fresh session");
        assertEquals(
                200,
                RefreshTokenTest.refresh(app, fresh.get("refresh_token").asText())
                        .statusCode());
        assertProblem(
                app.post(
                        "/api/v1/auth/signin", "{\"email\":\"changer@example.com\",\"password\":\"" + PASSWORD + "\"}"),
                401);
        app.signin("changer@example.com", "battery staple");
        Mailbox.Received notice = mailbox.awaitTo("changer@example.com", 2, WAIT); // 1: verification
        assertTrue(notice.subject().contains("password was changed"), notice.subject());
    }

    @Test
    void aResetRequestAnswersAlikeForAnyAddressAndMailsOnlyAnAccount() throws Exception {
        app.signup("forgetful@example.com", PASSWORD);
        mailbox.awaitTo("forgetful@example.com", 1, WAIT);
        HttpResponse<String> known = requestReset("Forgetful@Example.com");
        HttpResponse<String> unknown = requestReset("stranger@example.com");
        assertEquals(202, known.statusCode());
        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.body(), unknown.body());
        assertEquals(known.headers().map().keySet(), unknown.headers().map().keySet());
        Mailbox.Received reset = mailbox.awaitTo("forgetful@example.com", 2, WAIT);
        assertTrue(reset.subject().startsWith("Reset your"), reset.subject());
        assertTrue(app.server.awaitMail(WAIT));
        assertEquals(List.of(), mailbox.to("stranger@example.com"));
        String token = reset.token();
        for (Document stored : app.db.getCollection("password_resets").find()) {
            assertFalse(stored.toJson().contains(token), "the token is stored only as its hash");
        }
        assertProblem(requestReset("not an address"), 422);
        assertProblem(app.post("/api/v1/auth/password-reset", "{\"email\":{\"$gt\":\"\"}}"), 422);
    }

    @Test
    void aResetSetsThePasswordEndsEverySessionAndProvesTheAddress() throws Exception {
        app.signup("resetter@example.com", PASSWORD);
        mailbox.awaitTo("resetter@example.com", 1, WAIT);
        JsonNode before = app.signinTokens("resetter@example.com", PASSWORD);
        requestReset("resetter@example.com");
        String token = mailbox.awaitTo("resetter@example.com", 2, WAIT).token();

        assertProblem(confirm(token, "short"), 422);
        assertEquals(204, confirm(token, "a new secret").statusCode(), "a refused password does not spend the link");
        assertProblem(confirm(token, "yet another one"), 400); // single use
        assertEquals(401, me("Bearer " + before.get("access_token").asText()));
        assertProblem(RefreshTokenTest.refresh(app, before.get("refresh_token").asText()), 401);
        String bearer = app.signin("resetter@example.com", "a new secret");
        assertTrue(EmailVerificationTest.verified(app, bearer), "the link went to the address: it is proven");
        assertTrue(mailbox.awaitTo("resetter@example.com", 3, WAIT).subject().contains("password was changed"));
    }

    @Test
    void aResetLinkExpiresAndALaterPasswordChangeWithdrawsIt() throws Exception {
        app.signup("late@example.com", PASSWORD);
        mailbox.awaitTo("late@example.com", 1, WAIT);
        requestReset("late@example.com");
        String expired = mailbox.awaitTo("late@example.com", 2, WAIT).token();
        Instant before = clock.instant();
        try {
            clock.advance(Duration.ofMinutes(30).plusSeconds(1));
            assertProblem(confirm(expired, "a new secret"), 400);
        } finally {
            clock.advance(Duration.between(clock.instant(), before));
        }
        requestReset("late@example.com");
        String withdrawn = mailbox.awaitTo("late@example.com", 3, WAIT).token();
        String bearer = app.signin("late@example.com", PASSWORD);
        assertEquals(200, change(bearer, PASSWORD, "changed meanwhile").statusCode());
        assertProblem(confirm(withdrawn, "a new secret"), 400);
    }

    @Test
    void thirtyTwoConcurrentRedemptionsOfOneLinkSetThePasswordOnce() throws Exception {
        app.signup("raced@example.com", PASSWORD);
        mailbox.awaitTo("raced@example.com", 1, WAIT);
        requestReset("raced@example.com");
        String token = mailbox.awaitTo("raced@example.com", 2, WAIT).token();
        int threads = 32;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String password = "new password " + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return confirm(token, password);
                }));
            }
            go.countDown();
            int won = -1;
            int lost = 0;
            for (int i = 0; i < threads; i++) {
                HttpResponse<String> answer = answers.get(i).get();
                if (answer.statusCode() == 204) {
                    assertEquals(-1, won, "a second redemption succeeded");
                    won = i;
                } else {
                    assertProblem(answer, 400);
                    lost++;
                }
            }
            assertEquals(threads - 1, lost);
            app.signin("raced@example.com", "new password " + won);
            assertEquals(
                    0,
                    app.db.getCollection("password_resets").countDocuments(Filters.eq("email", "raced@example.com")));
        } finally {
            pool.shutdownNow();
        }
    }
}
