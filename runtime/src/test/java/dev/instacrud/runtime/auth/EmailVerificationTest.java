package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.Mailbox;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 1: sign-up sends a verification link (a one-time token, only its hash stored, expiring, single use)
 * through a real SMTP server on loopback (GreenMail), and {@code POST /api/v1/auth/verify-email} marks the address
 * verified; a new link can be asked for without telling whether the address has an account. With verification
 * required, an unverified account cannot sign in (refused like a wrong password, with a new link sent), and sign-up
 * answers the same whether or not the address is taken.
 */
class EmailVerificationTest {
    static final String PASSWORD = "correct horse";
    static final Duration WAIT = Duration.ofSeconds(20);
    static Mailbox mailbox;
    static MutableClock clock;
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        clock = new MutableClock(Instant.parse("2031-06-01T09:00:00Z"));
        app = TestServer.start(
                TestServer.env(with(mailbox.env(), "FRONTEND_URL", "https://app.example.com")),
                new Routes(),
                TestServer.freshDatabase(),
                clock);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        mailbox.close();
    }

    static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static HttpResponse<String> verify(TestServer server, String token) throws Exception {
        return server.post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}");
    }

    static boolean verified(TestServer server, String bearer) throws Exception {
        return TestServer.json(server.get("/api/v1/me", "Authorization", bearer))
                .get("emailVerified")
                .asBoolean();
    }

    @Test
    void signUpMailsALinkThatVerifiesTheAddressOnce() throws Exception {
        app.signup("new@example.com", PASSWORD);
        Mailbox.Received mail = mailbox.awaitTo("new@example.com", 1, WAIT);
        assertEquals(Mailbox.FROM, mail.from());
        assertTrue(mail.subject().startsWith("Confirm your email address"), mail.subject());
        assertTrue(mail.body().contains("https://app.example.com/verify-email?token="), mail.body());
        String token = mail.token();
        for (Document stored : app.db.getCollection("email_verifications").find()) {
            assertFalse(stored.toJson().contains(token), "the token is stored only as its hash");
        }
        String bearer = app.signin("new@example.com", PASSWORD);
        assertFalse(verified(app, bearer), "optional verification: the account may sign in before");

        assertEquals(204, verify(app, token).statusCode());
        assertTrue(verified(app, bearer));
        assertProblem(verify(app, token), 400); // used
        assertProblem(verify(app, "made-up-made-up-made-up-made-up-made-up-xx"), 400);
        assertProblem(app.post("/api/v1/auth/verify-email", "{\"token\":{\"$ne\":\"\"}}"), 422);
    }

    @Test
    void aLinkExpiresAndOneToAnAddressTheAccountNoLongerHasDoesNothing() throws Exception {
        String userId = app.signup("expiring@example.com", PASSWORD);
        String token = mailbox.awaitTo("expiring@example.com", 1, WAIT).token();
        Instant before = clock.instant();
        try {
            clock.advance(Duration.ofHours(48).plusSeconds(1));
            assertProblem(verify(app, token), 400);
        } finally {
            clock.advance(Duration.between(clock.instant(), before));
        }
        app.signup("moved@example.com", PASSWORD);
        String moved = mailbox.awaitTo("moved@example.com", 1, WAIT).token();
        app.db
                .getCollection("users")
                .updateOne(Filters.eq("email", "moved@example.com"), Updates.set("email", "elsewhere@example.com"));
        assertProblem(verify(app, moved), 400);
        Document user = app.db
                .getCollection("users")
                .find(Filters.eq("_id", new ObjectId(userId)))
                .first();
        assertFalse(UserDirectory.isEmailVerified(user));
    }

    @Test
    void aNewLinkIsAskedForWithoutTellingWhetherTheAddressHasAnAccount() throws Exception {
        app.signup("resend@example.com", PASSWORD);
        mailbox.awaitTo("resend@example.com", 1, WAIT);
        HttpResponse<String> known = app.post("/api/v1/auth/verify-email/resend", "{\"email\":\"resend@example.com\"}");
        HttpResponse<String> unknown =
                app.post("/api/v1/auth/verify-email/resend", "{\"email\":\"nobody-here@example.com\"}");
        assertEquals(202, known.statusCode());
        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.body(), unknown.body());
        assertEquals(known.headers().map().keySet(), unknown.headers().map().keySet());
        Mailbox.Received second = mailbox.awaitTo("resend@example.com", 2, WAIT);
        assertEquals(204, verify(app, second.token()).statusCode());
        assertTrue(app.server.awaitMail(WAIT));
        assertEquals(List.of(), mailbox.to("nobody-here@example.com"));
        assertProblem(app.post("/api/v1/auth/verify-email/resend", "{\"email\":\"not an address\"}"), 422);
    }

    @Test
    void withVerificationRequiredAnUnverifiedAccountCannotSignInAndSignUpRevealsNothing() throws Exception {
        try (Mailbox box = Mailbox.start();
                TestServer strict = TestServer.start(with(box.env(), "EMAIL_VERIFICATION", "required"))) {
            String signup = "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Ada\",\"organization\":\"Acme\"}";
            HttpResponse<String> fresh =
                    strict.post("/api/v1/auth/signup", signup.formatted("owner@example.com", PASSWORD));
            assertEquals(202, fresh.statusCode(), fresh.body());
            Mailbox.Received link = box.awaitTo("owner@example.com", 1, WAIT);

            // someone tries the same address with their own password: the same answer, and the owner is told
            HttpResponse<String> taken =
                    strict.post("/api/v1/auth/signup", signup.formatted("owner@example.com", "attacker password"));
            assertEquals(fresh.statusCode(), taken.statusCode());
            assertEquals(fresh.body(), taken.body());
            assertEquals(fresh.headers().map().keySet(), taken.headers().map().keySet());
            Mailbox.Received notice = box.awaitTo("owner@example.com", 2, WAIT);
            assertTrue(notice.body().contains("already has an account"), notice.body());

            // before verifying, the right password is refused like a wrong one, and a new link goes out
            HttpResponse<String> right = signin(strict, "owner@example.com", PASSWORD);
            HttpResponse<String> wrong = signin(strict, "owner@example.com", "attacker password");
            HttpResponse<String> unknown = signin(strict, "nobody@example.com", PASSWORD);
            assertProblem(right, 401);
            assertEquals(wrong.body(), right.body());
            assertEquals(unknown.body(), right.body());
            box.awaitTo("owner@example.com", 3, WAIT);

            assertEquals(204, verify(strict, link.token()).statusCode());
            assertEquals(200, signin(strict, "owner@example.com", PASSWORD).statusCode());
            assertProblem(signin(strict, "owner@example.com", "attacker password"), 401);
        }
    }

    static HttpResponse<String> signin(TestServer server, String email, String password) throws Exception {
        return server.post("/api/v1/auth/signin", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }
}
