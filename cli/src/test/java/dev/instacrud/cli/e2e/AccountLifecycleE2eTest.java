package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.cli.e2e.E2eService.User;
import dev.instacrud.runtime.testing.Mailbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 against a generated service: the tasks sample started as {@code instacrud run} starts it ({@code MODE=dev},
 * rate limits on, one client IP per simulated client through the trusted loopback proxy), sending its mail to a real
 * SMTP server on loopback (GreenMail) that the test reads as a mailbox. Email proof, password change and reset, refresh
 * token rotation and reuse detection, sign-out, member administration and self-deletion, the served description of
 * all of it, and no endpoint telling whether an address has an account.
 */
class AccountLifecycleE2eTest {
    static final Duration MAIL = Duration.ofSeconds(30);
    static Mailbox mailbox;
    static E2eService svc;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        Map<String, String> env = new HashMap<>();
        String[] smtp = mailbox.env();
        for (int i = 0; i < smtp.length; i += 2) {
            env.put(smtp[i], smtp[i + 1]);
        }
        env.put("FRONTEND_URL", "https://app.example.com");
        svc = E2eService.start("tasks.yaml", env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (svc != null) {
            svc.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    /** A signed-in session of one client: its address, and its two tokens. */
    record Session(String ip, String access, String refresh) {
        String[] auth() {
            return new String[] {"Authorization", "Bearer " + access, "X-Forwarded-For", ip};
        }
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return svc.http.json("POST", path, body, headers);
    }

    static Session signIn(String email, String password) throws Exception {
        String ip = E2eService.freshIp();
        JsonNode tokens = expect(
                200,
                post(
                        "/api/v1/auth/signin",
                        "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password),
                        "X-Forwarded-For",
                        ip));
        return new Session(
                ip,
                tokens.get("access_token").asText(),
                tokens.get("refresh_token").asText());
    }

    static HttpResponse<String> refresh(String token) throws Exception {
        return post(
                "/api/v1/auth/refresh",
                "{\"refresh_token\":\"" + token + "\"}",
                "X-Forwarded-For",
                E2eService.freshIp());
    }

    static int me(Session session) throws Exception {
        return svc.http.send("GET", "/api/v1/me", null, null, session.auth()).statusCode();
    }

    @Test
    void theSignUpMailProvesTheAddress() throws Exception {
        User user = svc.signupAdmin("proof@tasks.example.com", "Proof");
        Mailbox.Received mail = mailbox.awaitTo("proof@tasks.example.com", 1, MAIL);
        assertTrue(mail.subject().contains("tasks"), mail.subject());
        assertTrue(mail.body().contains("https://app.example.com/verify-email?token="), mail.body());
        JsonNode before = expect(200, svc.get(user, "me"));
        assertFalse(before.get("emailVerified").asBoolean());
        assertEquals("ORG_ADMIN", before.get("role").asText());
        expect(
                204,
                post(
                        "/api/v1/auth/verify-email",
                        "{\"token\":\"" + mail.token() + "\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        assertTrue(expect(200, svc.get(user, "me")).get("emailVerified").asBoolean());
        expect(
                400,
                post(
                        "/api/v1/auth/verify-email",
                        "{\"token\":\"" + mail.token() + "\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
    }

    @Test
    void aTokenIssuedBeforeAPasswordChangeIsA401AfterIt() throws Exception {
        svc.signupAdmin("change@tasks.example.com", "Change");
        Session laptop = signIn("change@tasks.example.com", E2eService.PASSWORD);
        Session phone = signIn("change@tasks.example.com", E2eService.PASSWORD);
        JsonNode fresh = expect(
                200,
                post(
                        "/api/v1/auth/password",
                        "{\"currentPassword\":\"%s\",\"newPassword\":\"a brand new secret\"}"
                                .formatted(E2eService.PASSWORD),
                        laptop.auth()));
        assertEquals(401, me(laptop));
        assertEquals(401, me(phone));
        expect(401, refresh(phone.refresh()));
        assertEquals(200, me(new Session(laptop.ip(), fresh.get("access_token").asText(), null)));
        signIn("change@tasks.example.com", "a brand new secret");
    }

    @Test
    void aResetLinkSetsThePasswordOnceEvenWhenThirtyTwoClientsRedeemIt() throws Exception {
        svc.signupAdmin("reset@tasks.example.com", "Reset");
        Session before = signIn("reset@tasks.example.com", E2eService.PASSWORD);
        mailbox.awaitTo("reset@tasks.example.com", 1, MAIL); // the verification mail
        expect(
                202,
                post(
                        "/api/v1/auth/password-reset",
                        "{\"email\":\"reset@tasks.example.com\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        String token = mailbox.awaitTo("reset@tasks.example.com", 2, MAIL).token();

        int threads = 32;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String body = "{\"token\":\"%s\",\"newPassword\":\"reset password %d\"}".formatted(token, i);
                String ip = E2eService.freshIp();
                answers.add(pool.submit(() -> {
                    go.await();
                    return post("/api/v1/auth/password-reset/confirm", body, "X-Forwarded-For", ip);
                }));
            }
            go.countDown();
            int winner = -1;
            for (int i = 0; i < threads; i++) {
                int status = answers.get(i).get().statusCode();
                if (status == 204) {
                    assertEquals(-1, winner, "two redemptions succeeded");
                    winner = i;
                } else {
                    assertEquals(400, status);
                }
            }
            assertTrue(winner >= 0, "no redemption succeeded");
            assertEquals(401, me(before), "the reset ends every session");
            signIn("reset@tasks.example.com", "reset password " + winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRotatedRefreshTokenReusedRevokesTheFamilyForThiefAndVictimAlike() throws Exception {
        svc.signupAdmin("family@tasks.example.com", "Family");
        Session victim = signIn("family@tasks.example.com", E2eService.PASSWORD);
        String stolen = victim.refresh();
        JsonNode rotated = expect(200, refresh(stolen)); // the victim's client refreshes first
        expect(401, refresh(stolen)); // the thief's copy is now a reuse
        expect(401, refresh(rotated.get("refresh_token").asText())); // and the victim's next refresh fails too
        assertEquals(
                401, me(new Session(victim.ip(), rotated.get("access_token").asText(), null)));

        Session again = signIn("family@tasks.example.com", E2eService.PASSWORD);
        Session other = signIn("family@tasks.example.com", E2eService.PASSWORD);
        expect(204, post("/api/v1/auth/signout", null, again.auth()));
        assertEquals(401, me(again));
        assertEquals(200, me(other));
        expect(204, post("/api/v1/auth/signout-all", null, other.auth()));
        assertEquals(401, me(other));
    }

    @Test
    void aDeactivatedUsersTokenIsRefusedOnTheNextRequestAndARemovedUsersNotesGo() throws Exception {
        User admin = svc.signupAdmin("boss@tasks.example.com", "Team");
        User member = svc.invite(admin, "worker@tasks.example.com", "USER");
        String project =
                svc.create(member, "projects", "{\"name\":\"Kept\"}").get("id").asText();
        svc.create(member, "my-notes", "{\"body\":\"private\"}");
        assertEquals(200, svc.get(member, "my-notes").statusCode());

        expect(200, svc.http.json("POST", "/api/v1/users/" + member.id() + "/deactivate", null, admin.auth()));
        expect(401, svc.get(member, "my-notes"));
        expect(200, svc.http.json("POST", "/api/v1/users/" + member.id() + "/reactivate", null, admin.auth()));
        expect(401, svc.get(member, "my-notes")); // earlier tokens stay refused
        User back = svc.signin("worker@tasks.example.com", E2eService.freshIp(), member.id(), member.orgId(), "USER");
        assertEquals(1, expect(200, svc.get(back, "my-notes")).get("total").asInt());

        expect(409, svc.http.json("PUT", "/api/v1/users/" + admin.id() + "/role", "{\"role\":\"USER\"}", admin.auth()));
        expect(204, svc.http.send("DELETE", "/api/v1/users/" + member.id(), null, null, admin.auth()));
        expect(401, svc.get(back, "me"));
        JsonNode kept = expect(200, svc.get(admin, "projects/" + project));
        assertEquals(member.id(), kept.get("createdBy").asText(), "the organisation's documents stay, createdBy too");
        var notes = svc.service.data().tenants().database(member.orgId()).getCollection("notes");
        assertEquals(
                0, notes.countDocuments(new org.bson.Document("userId", member.id())), "the private notes are gone");
        JsonNode members = expect(200, svc.http.send("GET", "/api/v1/users", null, null, admin.auth()));
        assertEquals(1, members.get("total").asInt());
    }

    @Test
    void noEndpointTellsWhetherAnAddressHasAnAccount() throws Exception {
        User admin = svc.signupAdmin("known@tasks.example.com", "Known");
        String[][] probes = {
            {"/api/v1/auth/password-reset", "{\"email\":\"%s\"}"},
            {"/api/v1/auth/verify-email/resend", "{\"email\":\"%s\"}"},
            {"/api/v1/auth/signin", "{\"email\":\"%s\",\"password\":\"not the password\"}"},
        };
        for (String[] probe : probes) {
            HttpResponse<String> known = post(
                    probe[0], probe[1].formatted("known@tasks.example.com"), "X-Forwarded-For", E2eService.freshIp());
            HttpResponse<String> unknown = post(
                    probe[0], probe[1].formatted("unknown@tasks.example.com"), "X-Forwarded-For", E2eService.freshIp());
            assertEquals(known.statusCode(), unknown.statusCode(), probe[0]);
            assertEquals(known.body(), unknown.body(), probe[0]);
            assertEquals(known.headers().map().keySet(), unknown.headers().map().keySet(), probe[0]);
        }
        HttpResponse<String> knownInvite = svc.http.json(
                "POST",
                "/api/v1/auth/invitations",
                "{\"email\":\"known@tasks.example.com\",\"role\":\"USER\"}",
                admin.auth());
        HttpResponse<String> unknownInvite = svc.http.json(
                "POST",
                "/api/v1/auth/invitations",
                "{\"email\":\"unknown@tasks.example.com\",\"role\":\"USER\"}",
                admin.auth());
        assertEquals(201, knownInvite.statusCode());
        assertEquals(knownInvite.statusCode(), unknownInvite.statusCode());
        assertEquals(Http.body(knownInvite).size(), Http.body(unknownInvite).size());
        mailbox.awaitTo("known@tasks.example.com", 3, MAIL); // verification, reset link, new verification link
        assertEquals(
                List.of(), mailbox.to("unknown@tasks.example.com"), "nothing is sent to an address without account");
    }

    @Test
    void theServedDocumentDescribesTheAccountLifecycle() throws Exception {
        JsonNode doc = expect(200, svc.http.send("GET", "/api/v1/openapi.json", null, null));
        for (String path : List.of(
                "/api/v1/auth/refresh",
                "/api/v1/auth/signout",
                "/api/v1/auth/signout-all",
                "/api/v1/auth/password",
                "/api/v1/auth/password-reset",
                "/api/v1/auth/password-reset/confirm",
                "/api/v1/auth/verify-email",
                "/api/v1/auth/verify-email/resend",
                "/api/v1/users",
                "/api/v1/users/{id}/role",
                "/api/v1/users/{id}/deactivate",
                "/api/v1/auth/invitations/{id}",
                "/api/v1/audit",
                "/api/v1/my-notes")) {
            assertTrue(doc.get("paths").has(path), path);
        }
        assertTrue(doc.at("/components/schemas/Account.Tokens/properties").has("refresh_token"));
    }
}
