package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 7: an ORG_ADMIN could tell which addresses have an account anywhere on the service by
 * inviting them (409 for a known address, 201 for an unknown one), as often as it liked. The answer to
 * creating an invitation no longer depends on the address (the check moves to redemption), invitations are
 * rate-limited per user ({@code INVITATION_RATE_LIMIT}) and per organisation ({@code
 * INVITATION_ORG_RATE_LIMIT}), and an organisation holds at most {@code MAX_PENDING_INVITATIONS} unused ones.
 */
class InvitationEnumerationTest {
    static HttpResponse<String> invite(TestServer app, String admin, String email) throws Exception {
        return app.post(
                "/api/v1/auth/invitations", "{\"email\":\"" + email + "\",\"role\":\"USER\"}", "Authorization", admin);
    }

    static HttpResponse<String> redeem(TestServer app, String email, String code) throws Exception {
        return app.post(
                "/api/v1/auth/signup",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"In\",\"invitation\":\"" + code
                        + "\"}");
    }

    static List<String> fieldNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void invitingAnExistingAccountAnswersLikeAnyOtherAddress() throws Exception {
        try (TestServer app = TestServer.start()) {
            String adminA = app.signupAdmin("admin-a@example.com");
            app.signupAdmin("taken@example.com"); // an account of another organisation

            HttpResponse<String> known = invite(app, adminA, "taken@example.com");
            HttpResponse<String> unknown = invite(app, adminA, "nobody@example.com");

            assertEquals(201, known.statusCode(), known.body());
            assertEquals(unknown.statusCode(), known.statusCode());
            assertEquals(fieldNames(TestServer.json(unknown)), fieldNames(TestServer.json(known)));
            assertEquals(
                    unknown.headers().map().keySet(), known.headers().map().keySet(), "the headers tell the two apart");

            // redemption is where the address is checked, and the code is spent either way
            String code = TestServer.json(known).get("code").asText();
            assertProblem(redeem(app, "taken@example.com", code), 409);
            assertProblem(redeem(app, "taken@example.com", code), 400);
            assertEquals(
                    201,
                    redeem(
                                    app,
                                    "nobody@example.com",
                                    TestServer.json(unknown).get("code").asText())
                            .statusCode());
        }
    }

    @Test
    void invitationsAreRateLimitedPerUser() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (TestServer app = TestServer.start(
                TestServer.env("INVITATION_RATE_LIMIT", "3/hour", "ACCESS_TOKEN_TTL_SECONDS", "7200"),
                new Routes(),
                TestServer.freshDatabase(),
                clock)) {
            String admin = app.signupAdmin("limited@example.com");
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        201, invite(app, admin, "guest" + i + "@example.com").statusCode());
            }
            HttpResponse<String> refused = invite(app, admin, "guest3@example.com");
            assertProblem(refused, 429);
            long retryAfter =
                    Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);

            clock.advance(Duration.ofHours(1));
            assertEquals(201, invite(app, admin, "guest3@example.com").statusCode());
        }
    }

    @Test
    void invitationsAreRateLimitedPerOrganisation() throws Exception {
        try (TestServer app =
                TestServer.start("INVITATION_RATE_LIMIT", "3/hour", "INVITATION_ORG_RATE_LIMIT", "5/hour")) {
            String first = app.signupAdmin("first-admin@example.com");
            HttpResponse<String> invitation = app.post(
                    "/api/v1/auth/invitations",
                    "{\"email\":\"second-admin@example.com\",\"role\":\"ORG_ADMIN\"}",
                    "Authorization",
                    first);
            assertEquals(
                    201,
                    redeem(
                                    app,
                                    "second-admin@example.com",
                                    TestServer.json(invitation).get("code").asText())
                            .statusCode());
            String second = app.signin("second-admin@example.com", "correct horse");
            for (int i = 0; i < 2; i++) {
                assertEquals(
                        201,
                        invite(app, first, "from-first" + i + "@example.com").statusCode());
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(
                        201,
                        invite(app, second, "from-second" + i + "@example.com").statusCode());
            }

            // the second admin has spent 2 of its own 3, but the organisation all of its 5
            assertProblem(invite(app, second, "one-more@example.com"), 429);
            // another organisation is not affected
            String other = app.signupAdmin("other-admin@example.com");
            assertEquals(201, invite(app, other, "elsewhere@example.com").statusCode());
        }
    }

    @Test
    void anOrganisationHoldsABoundedNumberOfPendingInvitations() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (TestServer app = TestServer.start(
                TestServer.env("MAX_PENDING_INVITATIONS", "4", "INVITATION_TTL_HOURS", "24"),
                new Routes(),
                TestServer.freshDatabase(),
                clock)) {
            String admin = app.signupAdmin("capped@example.com");
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> created = invite(app, admin, "pending" + i + "@example.com");
                assertEquals(201, created.statusCode(), created.body());
                codes.add(TestServer.json(created).get("code").asText());
            }
            HttpResponse<String> full = invite(app, admin, "pending4@example.com");
            assertProblem(full, 409);
            assertTrue(TestServer.json(full).get("detail").asText().contains("pending"), full.body());

            assertEquals(201, redeem(app, "pending0@example.com", codes.get(0)).statusCode());
            assertEquals(201, invite(app, admin, "pending4@example.com").statusCode(), "a used one frees a place");
            assertProblem(invite(app, admin, "pending5@example.com"), 409);

            clock.advance(Duration.ofHours(25));
            String later = app.signin("capped@example.com", "correct horse"); // the first token has expired
            assertEquals(201, invite(app, later, "pending5@example.com").statusCode(), "expired ones free places");
        }
    }
}
