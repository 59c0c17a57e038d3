package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 8: addresses that only look like an existing one (a zero-width space, a bidi override, a
 * line separator, a fullwidth letter, a soft hyphen) must not make a second account. Emails are NFKC
 * normalised and refused when they hold control, format or separator characters (Cc, Cf, Zl, Zp), the
 * same way at sign-up, sign-in and invitation; names shown to others are held to the same characters.
 */
class LookAlikeEmailTest {
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        app = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static HttpResponse<String> signup(String email, String name, String organization) throws Exception {
        return app.post(
                "/api/v1/auth/signup",
                Json.mapper()
                        .writeValueAsString(Map.of(
                                "email", email,
                                "password", "correct horse",
                                "name", name,
                                "organization", organization)));
    }

    static HttpResponse<String> signin(String email) throws Exception {
        return app.post(
                "/api/v1/auth/signin",
                Json.mapper().writeValueAsString(Map.of("email", email, "password", "correct horse")));
    }

    static String firstLoc(HttpResponse<String> response) {
        JsonNode errors = TestServer.json(response).get("errors");
        return errors.get(0).get("loc").toString();
    }

    @Test
    void lookAlikesOfAnAddressAreRefusedOrTheSameAccount() throws Exception {
        assertEquals(201, signup("lookalike@example.com", "Ada", "Acme").statusCode());

        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("zero-width space", "look\u200Balike@example.com");
        hidden.put("bidi override", "lookalike\u202E@example.com");
        hidden.put("line separator", "look\u2028alike@example.com");
        hidden.put("paragraph separator", "look\u2029alike@example.com");
        hidden.put("soft hyphen", "look\u00ADalike@example.com");
        hidden.put("next line (C1 control)", "look\u0085alike@example.com");
        hidden.put("word joiner", "lookalike@exam\u2060ple.com");
        for (Map.Entry<String, String> e : hidden.entrySet()) {
            HttpResponse<String> refused = signup(e.getValue(), "Eve", "Evil");
            assertProblem(refused, 422);
            assertEquals("[\"body\",\"email\"]", firstLoc(refused), e.getKey());
        }
        // a fullwidth letter (and a fullwidth @) normalise to the existing address
        assertProblem(signup("ｌookalike＠example.com", "Eve", "Evil"), 409);
        assertProblem(signup("LOOKALIKE@EXAMPLE.COM", "Eve", "Evil"), 409);
        assertEquals(
                1,
                app.db.getCollection("users").countDocuments(Filters.regex("email", "alike")),
                "a look-alike account was made");
    }

    @Test
    void signInNormalisesTheSameWay() throws Exception {
        assertEquals(201, signup("Ｗｉｄｅ@Example.com", "Wide", "Acme").statusCode());

        HttpResponse<String> plain = signin("wide@example.com");
        HttpResponse<String> wide = signin("ｗｉｄｅ@example.com");
        HttpResponse<String> hidden = signin("wi\u200Bde@example.com");

        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals(200, wide.statusCode(), wide.body());
        assertProblem(hidden, 401);
        String bearer = "Bearer " + TestServer.json(plain).get("access_token").asText();
        assertEquals(
                "wide@example.com",
                TestServer.json(app.get("/api/v1/me", "Authorization", bearer))
                        .get("email")
                        .asText(),
                "the stored form is the normalised one");
    }

    @Test
    void invitationsMatchTheNormalisedAddress() throws Exception {
        String admin = app.signupAdmin("inviter@example.com");
        HttpResponse<String> hidden = app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"in\u200Bvitee@example.com\",\"role\":\"USER\"}",
                "Authorization",
                admin);
        assertProblem(hidden, 422);

        HttpResponse<String> invited = app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"ｉｎｖｉｔｅｅ@example.com\",\"role\":\"USER\"}",
                "Authorization",
                admin);
        assertEquals(201, invited.statusCode(), invited.body());
        String code = TestServer.json(invited).get("code").asText();
        HttpResponse<String> joined = app.post(
                "/api/v1/auth/signup",
                "{\"email\":\"invitee@example.com\",\"password\":\"correct horse\",\"name\":\"In\",\"invitation\":\""
                        + code + "\"}");
        assertEquals(201, joined.statusCode(), joined.body());
    }

    @Test
    void namesShownToOthersRefuseTheSameCharacters() throws Exception {
        HttpResponse<String> bidiName = signup("bidi-name@example.com", "Ada\u202Egnp.exe", "Acme");
        HttpResponse<String> separatorOrg = signup("sep-org@example.com", "Ada", "Acme\u2028Support");
        HttpResponse<String> invisibleName = signup("zw-name@example.com", "A\u200Bda", "Acme");

        assertProblem(bidiName, 422);
        assertEquals("[\"body\",\"name\"]", firstLoc(bidiName));
        assertProblem(separatorOrg, 422);
        assertEquals("[\"body\",\"organization\"]", firstLoc(separatorOrg));
        assertProblem(invisibleName, 422);

        assertEquals(201, signup("wide-name@example.com", "Ａｄａ", "Acme").statusCode());
        assertEquals(
                "Ada",
                app.db
                        .getCollection("users")
                        .find(Filters.eq("email", "wide-name@example.com"))
                        .first()
                        .getString("name"));
    }

    @Test
    void addressesStoredBeforeNormalisationStillSignIn() throws Exception {
        // what the previous version stored: trimmed and lower-cased only
        com.mongodb.client.MongoDatabase db = TestServer.freshDatabase();
        String hash = new PasswordHasher(4).hash("correct horse");
        db.getCollection("users")
                .insertOne(new Document("_id", new ObjectId())
                        .append("email", "ｌegacy@example.com")
                        .append("name", "Legacy")
                        .append("passwordHash", hash)
                        .append("orgId", new ObjectId())
                        .append("role", "ORG_ADMIN"));
        db.getCollection("users")
                .insertOne(new Document("_id", new ObjectId())
                        .append("email", "plain@example.com")
                        .append("name", "Plain")
                        .append("passwordHash", hash)
                        .append("orgId", new ObjectId())
                        .append("role", "ORG_ADMIN"));

        try (TestServer upgraded = TestServer.start(TestServer.env(), new Routes(), db, Clock.systemUTC())) {
            for (String email : new String[] {"legacy@example.com", "ｌegacy@example.com", "plain@example.com"}) {
                HttpResponse<String> signin = upgraded.post(
                        "/api/v1/auth/signin",
                        Json.mapper().writeValueAsString(Map.of("email", email, "password", "correct horse")));
                assertEquals(200, signin.statusCode(), email + ": " + signin.body());
            }
        }
    }
}
