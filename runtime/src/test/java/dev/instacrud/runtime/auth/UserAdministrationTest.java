package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.data.EntityDescriptor;
import dev.instacrud.runtime.data.EntityRegistry;
import dev.instacrud.runtime.data.Repository;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.query.FieldKind;
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
 * Issue 12 item 5: an ORG_ADMIN lists the organisation's members (paginated, filtered by role, verification and
 * activity), changes roles, deactivates (the member's token refused on the next request) and reactivates, removes
 * members, and lists and revokes pending invitations; the last active ORG_ADMIN cannot be demoted, deactivated or
 * removed, even by two administrators demoting each other at once; a user renames themselves and deletes their own
 * account (with a recent sign-in), whose private documents go while the organisation's documents they created stay.
 */
class UserAdministrationTest {
    static final String PASSWORD = "correct horse";
    static final EntityDescriptor NOTE = EntityDescriptor.builder("Note", "notes", EntityDescriptor.Scope.USER)
            .field("title", FieldKind.PLAIN)
            .build();
    static final EntityDescriptor PROJECT = EntityDescriptor.builder("Project", "projects", EntityDescriptor.Scope.ORG)
            .field("name", FieldKind.PLAIN)
            .build();
    static MutableClock clock;
    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        clock = new MutableClock(Instant.parse("2031-08-01T09:00:00Z"));
        app = TestServer.startWithData(
                TestServer.env(), clock, EntityRegistry.of(NOTE, PROJECT), UserAdministrationTest::routes);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static Routes routes(DataLayer data) {
        Routes routes = new Routes();
        for (EntityDescriptor entity : List.of(NOTE, PROJECT)) {
            Repository repository = data.repository(entity);
            String path = "/api/v1/" + entity.collection();
            routes.post(
                    path,
                    request -> ApiResponse.json(
                            201,
                            json(repository.insert(
                                    Document.parse(request.requireBody().toString())))));
            routes.get(
                    path,
                    request ->
                            ApiResponse.ok(repository.list(null, null, 0, 100).map(UserAdministrationTest::json)));
        }
        return routes;
    }

    static Document json(Document stored) {
        Document out = new Document(stored);
        out.put("_id", stored.getObjectId("_id").toHexString());
        return out;
    }

    /** An organisation: its admin's bearer, and members invited with these roles (email → bearer). */
    record Org(String admin, String adminId, List<String> members, List<String> memberIds) {}

    static Org org(String prefix, String... roles) throws Exception {
        String admin = app.signupAdmin(prefix + "-admin@example.com");
        List<String> members = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            String email = prefix + "-" + i + "@example.com";
            JsonNode invitation = TestServer.json(app.post(
                    "/api/v1/auth/invitations",
                    "{\"email\":\"" + email + "\",\"role\":\"" + roles[i] + "\"}",
                    "Authorization",
                    admin));
            HttpResponse<String> joined = app.post(
                    "/api/v1/auth/signup",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Member " + i
                            + "\",\"invitation\":\"" + invitation.get("code").asText() + "\"}");
            assertEquals(201, joined.statusCode(), joined.body());
            ids.add(TestServer.json(joined).get("userId").asText());
            members.add(app.signin(email, PASSWORD));
        }
        return new Org(admin, id(admin), members, ids);
    }

    static String id(String bearer) throws Exception {
        return TestServer.json(app.get("/api/v1/me", "Authorization", bearer))
                .get("id")
                .asText();
    }

    static HttpResponse<String> setRole(String bearer, String userId, String role) throws Exception {
        return app.send(
                "PUT", "/api/v1/users/" + userId + "/role", "{\"role\":\"" + role + "\"}", "Authorization", bearer);
    }

    @Test
    void anAdminListsFiltersAndPagesTheOrganisationsMembersOnly() throws Exception {
        Org org = org("list", "USER", "USER", "READ_ONLY");
        org("other", "USER"); // another organisation's members never show
        JsonNode all = TestServer.json(app.get("/api/v1/users", "Authorization", org.admin()));
        assertEquals(4, all.get("total").asInt());
        List<String> emails = new ArrayList<>();
        all.get("items").forEach(item -> emails.add(item.get("email").asText()));
        assertEquals(
                List.of("list-0@example.com", "list-1@example.com", "list-2@example.com", "list-admin@example.com"),
                emails);
        JsonNode first = all.get("items").get(0);
        assertEquals(
                List.of("id", "email", "name", "role", "emailVerified", "active", "createdAt", "lastSignInAt"),
                names(first));
        assertFalse(all.toString().toLowerCase().contains("hash"), all.toString());

        JsonNode users =
                TestServer.json(app.get("/api/v1/users?role=USER&limit=1&offset=1", "Authorization", org.admin()));
        assertEquals(2, users.get("total").asInt());
        assertEquals(1, users.get("items").size());
        assertEquals("list-1@example.com", users.at("/items/0/email").asText());
        assertEquals(
                0,
                TestServer.json(app.get("/api/v1/users?emailVerified=true", "Authorization", org.admin()))
                        .get("total")
                        .asInt());
        assertEquals(
                4,
                TestServer.json(app.get("/api/v1/users?active=true", "Authorization", org.admin()))
                        .get("total")
                        .asInt());

        assertProblem(app.get("/api/v1/users?role=OWNER", "Authorization", org.admin()), 400);
        assertProblem(app.get("/api/v1/users?rol=USER", "Authorization", org.admin()), 400);
        assertProblem(app.get("/api/v1/users?limit=1000", "Authorization", org.admin()), 400);
        assertProblem(app.get("/api/v1/users", "Authorization", org.members().get(0)), 403);
        assertProblem(
                app.get(
                        "/api/v1/users/" + org.memberIds().get(0),
                        "Authorization",
                        org.members().get(0)),
                403);
        Org other = org("outsider");
        assertProblem(app.get("/api/v1/users/" + org.memberIds().get(0), "Authorization", other.admin()), 404);
        assertProblem(setRole(other.admin(), org.memberIds().get(0), "READ_ONLY"), 404);
        assertProblem(app.get("/api/v1/users/not-an-id", "Authorization", org.admin()), 404);
    }

    @Test
    void rolesChangeAndTheLastActiveAdminStays() throws Exception {
        Org org = org("roles", "USER");
        String member = org.memberIds().get(0);
        assertProblem(setRole(org.admin(), org.adminId(), "USER"), 409);
        assertProblem(
                app.post("/api/v1/users/" + org.adminId() + "/deactivate", null, "Authorization", org.admin()), 409);
        assertProblem(app.send("DELETE", "/api/v1/users/" + org.adminId(), null, "Authorization", org.admin()), 409);
        assertProblem(setRole(org.admin(), member, "OWNER"), 422);

        HttpResponse<String> promoted = setRole(org.admin(), member, "ORG_ADMIN");
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertEquals("ORG_ADMIN", TestServer.json(promoted).get("role").asText());
        assertEquals(
                200,
                app.get("/api/v1/users", "Authorization", org.members().get(0)).statusCode(),
                "the new role holds on the member's next request");
        assertEquals(200, setRole(org.admin(), org.adminId(), "USER").statusCode(), "another admin exists now");
        assertProblem(app.get("/api/v1/users", "Authorization", org.admin()), 403);
        assertProblem(setRole(org.members().get(0), member, "READ_ONLY"), 409);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOne() throws Exception {
        for (int round = 0; round < 3; round++) {
            Org org = org("duel" + round, "ORG_ADMIN");
            String a = org.admin();
            String b = org.members().get(0);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<HttpResponse<String>> aDemotesB = pool.submit(() -> {
                    go.await();
                    return setRole(a, org.memberIds().get(0), "USER");
                });
                Future<HttpResponse<String>> bDemotesA = pool.submit(() -> {
                    go.await();
                    return setRole(b, org.adminId(), "USER");
                });
                go.countDown();
                int first = aDemotesB.get().statusCode();
                int second = bDemotesA.get().statusCode();
                assertTrue(
                        first == 200 && (second == 409 || second == 403)
                                || second == 200 && (first == 409 || first == 403),
                        first + " and " + second);
                JsonNode admins =
                        TestServer.json(app.get("/api/v1/users?role=ORG_ADMIN", "Authorization", first == 200 ? a : b));
                assertEquals(1, admins.get("total").asInt());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDeactivatedMembersTokenIsRefusedOnTheNextRequest() throws Exception {
        Org org = org("deact", "USER");
        String member = org.members().get(0);
        String memberId = org.memberIds().get(0);
        JsonNode tokens = app.signinTokens("deact-0@example.com", PASSWORD);
        assertEquals(200, app.get("/api/v1/me", "Authorization", member).statusCode());

        HttpResponse<String> deactivated =
                app.post("/api/v1/users/" + memberId + "/deactivate", null, "Authorization", org.admin());
        assertEquals(200, deactivated.statusCode(), deactivated.body());
        assertFalse(TestServer.json(deactivated).get("active").asBoolean());
        assertProblem(app.get("/api/v1/me", "Authorization", member), 401);
        assertProblem(RefreshTokenTest.refresh(app, tokens.get("refresh_token").asText()), 401);
        assertProblem(
                app.post(
                        "/api/v1/auth/signin", "{\"email\":\"deact-0@example.com\",\"password\":\"" + PASSWORD + "\"}"),
                403);
        assertProblem(
                app.post("/api/v1/auth/signin", "{\"email\":\"deact-0@example.com\",\"password\":\"wrong horse\"}"),
                401);
        assertEquals(
                1,
                TestServer.json(app.get("/api/v1/users?active=false", "Authorization", org.admin()))
                        .get("total")
                        .asInt());

        assertEquals(
                200,
                app.post("/api/v1/users/" + memberId + "/reactivate", null, "Authorization", org.admin())
                        .statusCode());
        assertProblem(app.get("/api/v1/me", "Authorization", member), 401); // old tokens stay refused
        assertEquals(
                200,
                app.get("/api/v1/me", "Authorization", app.signin("deact-0@example.com", PASSWORD))
                        .statusCode());
    }

    @Test
    void removingAMemberDeletesTheAccountAndItsPrivateDocumentsOnly() throws Exception {
        Org org = org("remove", "USER", "USER");
        String leaving = org.members().get(0);
        String staying = org.members().get(1);
        assertEquals(
                201,
                app.post("/api/v1/notes", "{\"title\":\"mine\"}", "Authorization", leaving)
                        .statusCode());
        assertEquals(
                201,
                app.post("/api/v1/notes", "{\"title\":\"theirs\"}", "Authorization", staying)
                        .statusCode());
        assertEquals(
                201,
                app.post("/api/v1/projects", "{\"name\":\"shared\"}", "Authorization", leaving)
                        .statusCode());

        assertEquals(
                204,
                app.send("DELETE", "/api/v1/users/" + org.memberIds().get(0), null, "Authorization", org.admin())
                        .statusCode());
        assertProblem(app.get("/api/v1/me", "Authorization", leaving), 401);
        assertProblem(
                app.post(
                        "/api/v1/auth/signin",
                        "{\"email\":\"remove-0@example.com\",\"password\":\"" + PASSWORD + "\"}"),
                401);
        assertProblem(app.get("/api/v1/users/" + org.memberIds().get(0), "Authorization", org.admin()), 404);
        String orgDb = app.data
                .tenants()
                .databaseName(TestServer.json(app.get("/api/v1/me", "Authorization", org.admin()))
                        .get("organizationId")
                        .asText());
        var notes = app.data
                .tenants()
                .database(TestServer.json(app.get("/api/v1/me", "Authorization", org.admin()))
                        .get("organizationId")
                        .asText())
                .getCollection("notes");
        assertEquals(
                0, notes.countDocuments(new Document("userId", org.memberIds().get(0))), orgDb);
        assertEquals(
                1, notes.countDocuments(new Document("userId", org.memberIds().get(1))));
        JsonNode projects = TestServer.json(app.get("/api/v1/projects", "Authorization", staying));
        assertEquals(1, projects.get("total").asInt(), "the organisation's documents stay");
        assertEquals(org.memberIds().get(0), projects.at("/items/0/createdBy").asText(), "createdBy keeps the id");
        JsonNode audit =
                TestServer.json(app.get("/api/v1/audit?entity=Note&action=delete", "Authorization", org.admin()));
        assertEquals(1, audit.get("total").asInt(), audit.toString());
        assertEquals(
                org.adminId(), audit.at("/items/0/actor").asText(), "deleted by the administrator who removed them");
        assertEquals(
                1,
                TestServer.json(app.get(
                                "/api/v1/audit?action=user_removed&entityId="
                                        + org.memberIds().get(0),
                                "Authorization",
                                org.admin()))
                        .get("total")
                        .asInt());

        // the address is free again: the member can be invited back
        JsonNode again = TestServer.json(app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"remove-0@example.com\",\"role\":\"USER\"}",
                "Authorization",
                org.admin()));
        assertEquals(
                201,
                app.post(
                                "/api/v1/auth/signup",
                                "{\"email\":\"remove-0@example.com\",\"password\":\"" + PASSWORD
                                        + "\",\"name\":\"Back\",\"invitation\":\""
                                        + again.get("code").asText() + "\"}")
                        .statusCode());
    }

    @Test
    void aUserRenamesThemselvesAndDeletesTheirAccountOnlyWithARecentSignIn() throws Exception {
        Org org = org("self", "READ_ONLY");
        String member = org.members().get(0);
        HttpResponse<String> renamed =
                app.send("PATCH", "/api/v1/me", "{\"name\":\"  Grace  \"}", "Authorization", member);
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals("Grace", TestServer.json(renamed).get("name").asText());
        assertProblem(app.send("PATCH", "/api/v1/me", "{\"name\":\"Gr\\u202eace\"}", "Authorization", member), 422);
        assertProblem(
                app.send("PATCH", "/api/v1/me", "{\"name\":\"Grace\",\"role\":\"ORG_ADMIN\"}", "Authorization", member),
                422);
        assertProblem(app.send("PATCH", "/api/v1/me", "{\"email\":\"x@example.com\"}", "Authorization", member), 422);
        assertEquals(
                "READ_ONLY",
                TestServer.json(app.get("/api/v1/me", "Authorization", member))
                        .get("role")
                        .asText());

        JsonNode session = app.signinTokens("self-0@example.com", PASSWORD);
        Instant before = clock.instant();
        try {
            clock.advance(Duration.ofMinutes(6));
            // a token refreshed just now, of a session whose sign-in is 6 minutes old
            String refreshed = TestServer.json(RefreshTokenTest.refresh(
                            app, session.get("refresh_token").asText()))
                    .get("access_token")
                    .asText();
            assertProblem(app.send("DELETE", "/api/v1/me", null, "Authorization", "Bearer " + refreshed), 403);
            String recent = app.signin("self-0@example.com", PASSWORD);
            assertEquals(
                    204,
                    app.send("DELETE", "/api/v1/me", null, "Authorization", recent)
                            .statusCode());
            assertProblem(app.get("/api/v1/me", "Authorization", recent), 401);
            assertProblem(app.get("/api/v1/me", "Authorization", "Bearer " + refreshed), 401);
        } finally {
            clock.advance(Duration.between(clock.instant(), before));
        }
    }

    @Test
    void theLastAdminCanLeaveOnlyAnOrganisationWithoutOtherMembers() throws Exception {
        Org org = org("alone", "USER");
        assertProblem(app.send("DELETE", "/api/v1/me", null, "Authorization", org.admin()), 409);
        assertEquals(
                204,
                app.send("DELETE", "/api/v1/users/" + org.memberIds().get(0), null, "Authorization", org.admin())
                        .statusCode());
        assertEquals(
                204,
                app.send("DELETE", "/api/v1/me", null, "Authorization", org.admin())
                        .statusCode());
        assertProblem(app.get("/api/v1/me", "Authorization", org.admin()), 401);
    }

    @Test
    void pendingInvitationsAreListedAndRevoked() throws Exception {
        Org org = org("invites");
        JsonNode first = TestServer.json(app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"inv-a@example.com\",\"role\":\"USER\"}",
                "Authorization",
                org.admin()));
        app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"inv-b@example.com\",\"role\":\"READ_ONLY\"}",
                "Authorization",
                org.admin());
        JsonNode pending = TestServer.json(app.get("/api/v1/auth/invitations", "Authorization", org.admin()));
        assertEquals(2, pending.get("total").asInt());
        assertEquals(
                List.of("id", "email", "role", "createdBy", "createdAt", "expiresAt"), names(pending.at("/items/0")));
        assertFalse(pending.toString().contains(first.get("code").asText()), "codes are never listed");

        Org other = org("invites-other");
        assertProblem(
                app.send(
                        "DELETE",
                        "/api/v1/auth/invitations/" + first.get("id").asText(),
                        null,
                        "Authorization",
                        other.admin()),
                404);
        assertEquals(
                204,
                app.send(
                                "DELETE",
                                "/api/v1/auth/invitations/" + first.get("id").asText(),
                                null,
                                "Authorization",
                                org.admin())
                        .statusCode());
        assertProblem(
                app.send(
                        "DELETE",
                        "/api/v1/auth/invitations/" + first.get("id").asText(),
                        null,
                        "Authorization",
                        org.admin()),
                404);
        assertEquals(
                1,
                TestServer.json(app.get("/api/v1/auth/invitations", "Authorization", org.admin()))
                        .get("total")
                        .asInt());
        assertProblem(
                app.post(
                        "/api/v1/auth/signup",
                        "{\"email\":\"inv-a@example.com\",\"password\":\"" + PASSWORD
                                + "\",\"name\":\"Late\",\"invitation\":\""
                                + first.get("code").asText() + "\"}"),
                400);
        assertProblem(app.get("/api/v1/auth/invitations?page=2", "Authorization", org.admin()), 400);
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
