package dev.instacrud.runtime.audit;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.data.EntityRegistry;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6, the security events: sign-up, sign-in and its failures, password changes, refresh token reuse,
 * sign-outs, role changes, deactivations, invitations created, redeemed and revoked all land in the organisation's
 * own {@code audit} collection, never with a password, hash or token; {@code GET /api/v1/audit} shows them to the
 * organisation's ORG_ADMINs only, newest first, filtered and paged, and nothing can change or delete them;
 * records past {@code AUDIT_RETENTION_DAYS} are neither shown nor kept.
 */
class SecurityAuditTest {
    static final String PASSWORD = "correct horse";
    static MutableClock clock;
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        clock = new MutableClock(Instant.parse("2031-09-01T09:00:00Z"));
        app = TestServer.startWithData(
                TestServer.env("AUDIT_RETENTION_DAYS", "30"), clock, EntityRegistry.of(), data -> new Routes());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static JsonNode audit(String bearer, String query) throws Exception {
        HttpResponse<String> response = app.get("/api/v1/audit" + query, "Authorization", bearer);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response);
    }

    static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("items").forEach(item -> actions.add(item.get("action").asText()));
        return actions;
    }

    @Test
    void accountEventsAreRecordedNewestFirstWithoutASecret() throws Exception {
        String admin = app.signupAdmin("audited@example.com");
        String adminId = TestServer.json(app.get("/api/v1/me", "Authorization", admin))
                .get("id")
                .asText();
        clock.advance(Duration.ofSeconds(1));
        app.post("/api/v1/auth/signin", "{\"email\":\"audited@example.com\",\"password\":\"not my password\"}");
        clock.advance(Duration.ofSeconds(1));
        JsonNode invitation = TestServer.json(app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"joiner@example.com\",\"role\":\"USER\"}",
                "Authorization",
                admin));
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> joined = app.post(
                "/api/v1/auth/signup",
                "{\"email\":\"joiner@example.com\",\"password\":\"" + PASSWORD
                        + "\",\"name\":\"Joiner\",\"invitation\":\""
                        + invitation.get("code").asText() + "\"}");
        String joinerId = TestServer.json(joined).get("userId").asText();
        clock.advance(Duration.ofSeconds(1));
        JsonNode joiner = app.signinTokens("joiner@example.com", PASSWORD);
        clock.advance(Duration.ofSeconds(1));
        String rotatedOnce = joiner.get("refresh_token").asText();
        app.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + rotatedOnce + "\"}");
        app.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + rotatedOnce + "\"}"); // reuse
        clock.advance(Duration.ofSeconds(1));
        app.send("PUT", "/api/v1/users/" + joinerId + "/role", "{\"role\":\"READ_ONLY\"}", "Authorization", admin);
        clock.advance(Duration.ofSeconds(1));
        app.post("/api/v1/users/" + joinerId + "/deactivate", null, "Authorization", admin);
        clock.advance(Duration.ofSeconds(1));
        String changedWith = app.signin("audited@example.com", PASSWORD);
        clock.advance(Duration.ofSeconds(1));
        JsonNode changed = TestServer.json(app.post(
                "/api/v1/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"battery staple\"}",
                "Authorization",
                changedWith));
        String bearer = "Bearer " + changed.get("access_token").asText();
        clock.advance(Duration.ofSeconds(1));

        JsonNode log = audit(bearer, "");
        assertEquals(
                List.of(
                        "password_changed",
                        "signin",
                        "user_deactivated",
                        "role_changed",
                        "refresh_reuse_detected",
                        "signin",
                        "signup",
                        "invitation_redeemed",
                        "invitation_created",
                        "signin_failed",
                        "signin",
                        "signup"),
                actions(log));
        JsonNode role = log.at("/items/3");
        assertEquals(adminId, role.get("actor").asText());
        assertEquals("User", role.get("entity").asText());
        assertEquals(joinerId, role.get("entityId").asText());
        assertEquals("USER", role.at("/details/from").asText());
        assertEquals("READ_ONLY", role.at("/details/to").asText());
        assertEquals(List.of("role"), List.of(role.at("/fields/0").asText()));
        assertTrue(role.get("requestId").asText().length() > 8);
        assertEquals("127.0.0.1", role.get("ip").asText());
        JsonNode failed = log.at("/items/9");
        assertTrue(failed.get("actor").isNull(), "a failed sign-in has no actor");
        assertEquals("password", failed.at("/details/reason").asText());
        assertEquals(invitation.get("id").asText(), log.at("/items/8/entityId").asText());

        String everything = log.toString();
        for (String secret : List.of(
                PASSWORD,
                "battery staple",
                "not my password",
                invitation.get("code").asText(),
                rotatedOnce,
                joiner.get("access_token").asText(),
                "bcrypt",
                "$2a$")) {
            assertFalse(everything.contains(secret), "the audit log holds " + secret);
        }
        String orgId = TestServer.json(app.get("/api/v1/me", "Authorization", bearer))
                .get("organizationId")
                .asText();
        for (Document stored :
                app.data.tenants().database(orgId).getCollection("audit").find()) {
            assertFalse(stored.toJson().contains(PASSWORD), stored.toJson());
        }

        JsonNode byActor = audit(bearer, "?actor=" + adminId + "&limit=2");
        assertEquals(List.of("password_changed", "signin"), actions(byActor));
        assertEquals(2, byActor.get("limit").asInt());
        assertTrue(byActor.get("total").asInt() >= 6);
        assertEquals(List.of("signin", "signin", "signin"), actions(audit(bearer, "?action=signin")));
        assertEquals(
                List.of("user_deactivated", "role_changed", "signin", "signup"),
                actions(audit(bearer, "?entity=User&entityId=" + joinerId)));
        String from = log.at("/items/5/at").asText();
        String to = log.at("/items/2/at").asText();
        assertEquals(
                List.of("role_changed", "refresh_reuse_detected", "signin"),
                actions(audit(bearer, "?from=" + from + "&to=" + to)));
        assertEquals(List.of("signin_failed", "signin", "signup"), actions(audit(bearer, "?offset=9")));
    }

    @Test
    void onlyTheOrganisationsAdminsReadItsLogAndNobodyChangesIt() throws Exception {
        String admin = app.signupAdmin("reader@example.com");
        String other = app.signupAdmin("neighbour@example.com");
        JsonNode mine = audit(admin, "");
        assertEquals(List.of("signin", "signup"), actions(mine));
        assertFalse(
                audit(other, "").toString().contains(mine.at("/items/0/id").asText()), "organisations see their own");
        JsonNode invitation = TestServer.json(app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"plain@example.com\",\"role\":\"USER\"}",
                "Authorization",
                admin));
        app.post(
                "/api/v1/auth/signup",
                "{\"email\":\"plain@example.com\",\"password\":\"" + PASSWORD
                        + "\",\"name\":\"Plain\",\"invitation\":\""
                        + invitation.get("code").asText() + "\"}");
        String user = app.signin("plain@example.com", PASSWORD);
        assertProblem(app.get("/api/v1/audit", "Authorization", user), 403);
        assertProblem(app.get("/api/v1/audit"), 401);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> refused =
                    app.send(method, "/api/v1/audit", method.equals("DELETE") ? null : "{}", "Authorization", admin);
            assertProblem(refused, 405);
        }
        assertProblem(
                app.send("DELETE", "/api/v1/audit/" + mine.at("/items/0/id").asText(), null, "Authorization", admin),
                404);
        for (String bad : List.of(
                "?acton=signin",
                "?action=teleport",
                "?actor=nobody",
                "?from=yesterday",
                "?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z",
                "?limit=0",
                "?limit=201",
                "?offset=-1",
                "?entity=%24where",
                "?action=signin&action=signup")) {
            assertProblem(app.get("/api/v1/audit" + bad, "Authorization", admin), 400);
        }
    }

    @Test
    void recordsPastTheirRetentionAreNeitherShownNorKept() throws Exception {
        String admin = app.signupAdmin("retained@example.com");
        String orgId = TestServer.json(app.get("/api/v1/me", "Authorization", admin))
                .get("organizationId")
                .asText();
        assertEquals(2, audit(admin, "").get("total").asInt());
        Instant before = clock.instant();
        try {
            clock.advance(Duration.ofDays(31));
            String later = app.signin("retained@example.com", PASSWORD);
            assertEquals(List.of("signin"), actions(audit(later, "")), "the month-old records are not shown");
            app.data.sweepAuditLog();
            assertEquals(
                    1, app.data.tenants().database(orgId).getCollection("audit").countDocuments());
        } finally {
            clock.advance(Duration.between(clock.instant(), before));
        }
    }
}
