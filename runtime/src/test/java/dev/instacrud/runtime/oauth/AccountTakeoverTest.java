package dev.instacrud.runtime.oauth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.instacrud.runtime.auth.UserDirectory;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.FakeOidcProvider;
import dev.instacrud.runtime.testing.OidcSignIn;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 2, account pre-hijacking: someone signs up with another person's email and a password;
 * when the owner later signs in through an OIDC provider asserting that email, the identity must not be
 * linked to the squatter's account. Linking needs an account that proved the email (`emailVerified`);
 * only an {@code email} claim with {@code email_verified: true} counts as an email, never {@code
 * preferred_username}. Real HTTP against a fake provider on loopback.
 */
class AccountTakeoverTest {
    static FakeOidcProvider provider;
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeOidcProvider();
        app = TestServer.start(OAuthTest.env(provider), new Routes());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        provider.close();
    }

    static HttpResponse<String> oidcSignIn(String subject, UnaryOperator<JWTClaimsSet.Builder> claims)
            throws Exception {
        return OidcSignIn.run(app, provider, subject, claims);
    }

    static UnaryOperator<JWTClaimsSet.Builder> verified(String email) {
        return OidcSignIn.verified(email);
    }

    static Document user(String email) {
        return app.db.getCollection("users").find(Filters.eq("email", email)).first();
    }

    /** What answering the verification mail of the account lifecycle does. */
    static void verify(String email) {
        assertTrue(new UserDirectory(app.db, Clock.systemUTC())
                .markEmailVerified(user(email).getObjectId("_id"), email));
    }

    static long users(String email) {
        return app.db.getCollection("users").countDocuments(Filters.eq("email", email));
    }

    @Test
    void aSquattedPasswordAccountIsNotLinkedToTheOwnersProviderIdentity() throws Exception {
        app.signupAdmin("victim@example.com"); // the attacker, with the victim's address and its own password
        long sessions = app.db.getCollection("session_codes").countDocuments();

        HttpResponse<String> owner = oidcSignIn("owner-sub", verified("victim@example.com"));

        assertProblem(owner, 409);
        assertTrue(TestServer.json(owner).get("detail").asText().contains("not verified"), owner.body());
        assertNull(user("victim@example.com").get("oauth"), "the provider identity was linked");
        assertEquals(1, users("victim@example.com"));
        assertEquals(sessions, app.db.getCollection("session_codes").countDocuments(), "a session was handed out");
        // and the refusal is stable: the same identity is refused again, nothing linked meanwhile
        assertProblem(oidcSignIn("owner-sub", verified("victim@example.com")), 409);
        assertNull(user("victim@example.com").get("oauth"));
    }

    @Test
    void passwordSignupsStartUnverified() throws Exception {
        app.signupAdmin("fresh@example.com");
        assertEquals(Boolean.FALSE, user("fresh@example.com").getBoolean("emailVerified"));
    }

    @Test
    void aVerifiedPasswordAccountIsLinked() throws Exception {
        app.signupAdmin("proven@example.com");
        verify("proven@example.com");

        HttpResponse<String> owner = oidcSignIn("proven-sub", verified("proven@example.com"));

        assertEquals(302, owner.statusCode(), owner.body());
        assertEquals(
                "proven-sub",
                user("proven@example.com").get("oauth", Document.class).getString("fake"));
        assertEquals(1, users("proven@example.com"));
    }

    @Test
    void anUnverifiedEmailClaimIsNoEmail() throws Exception {
        for (UnaryOperator<JWTClaimsSet.Builder> claims : java.util.List.<UnaryOperator<JWTClaimsSet.Builder>>of(
                c -> c.claim("email", "unverified@example.com"),
                c -> c.claim("email", "unverified@example.com").claim("email_verified", false),
                c -> c.claim("email", "unverified@example.com").claim("email_verified", "true"))) {
            HttpResponse<String> response = oidcSignIn("unverified-sub", claims);
            assertFalse(response.statusCode() == 302, response.body());
            assertProblem(response, response.statusCode());
        }
        assertEquals(0, users("unverified@example.com"), "an account was made from an unverified email");
    }

    @Test
    void preferredUsernameIsNeverAnEmail() throws Exception {
        app.signupAdmin("squatted@example.com");
        verify("squatted@example.com");

        HttpResponse<String> linking = oidcSignIn(
                "upn-sub",
                c -> c.claim("preferred_username", "squatted@example.com").claim("email_verified", true));
        HttpResponse<String> creating =
                oidcSignIn("upn-sub-2", c -> c.claim("preferred_username", "newcomer@example.com"));

        assertFalse(linking.statusCode() == 302, linking.body());
        assertNull(user("squatted@example.com").get("oauth"), "linked through preferred_username");
        assertFalse(creating.statusCode() == 302, creating.body());
        assertEquals(0, users("newcomer@example.com"));
    }

    @Test
    void aVerifiedProviderEmailMakesAVerifiedAccount() throws Exception {
        assertEquals(
                302, oidcSignIn("new-sub", verified("newcomer2@example.com")).statusCode());

        Document created = user("newcomer2@example.com");
        assertEquals(Boolean.TRUE, created.getBoolean("emailVerified"));
        assertEquals("new-sub", created.get("oauth", Document.class).getString("fake"));
        // a password sign-up cannot take the address over afterwards
        assertProblem(
                app.post(
                        "/api/v1/auth/signup",
                        "{\"email\":\"newcomer2@example.com\",\"password\":\"correct horse\",\"name\":\"X\","
                                + "\"organization\":\"X\"}"),
                409);
    }

    @Test
    void anAccountLinkedToOneSubjectIsNotRelinkedToAnother() throws Exception {
        assertEquals(
                302, oidcSignIn("first-sub", verified("relinked@example.com")).statusCode());

        HttpResponse<String> other = oidcSignIn("second-sub", verified("relinked@example.com"));

        assertProblem(other, 409);
        assertEquals(
                "first-sub",
                user("relinked@example.com").get("oauth", Document.class).getString("fake"));
    }
}
