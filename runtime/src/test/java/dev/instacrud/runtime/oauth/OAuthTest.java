package dev.instacrud.runtime.oauth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.FakeOidcProvider;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 6: OIDC sign-in against a fake provider on loopback, one-time session codes. */
class OAuthTest {
    static volatile FakeOidcProvider provider;
    static MutableClock clock;
    static volatile TestServer app;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeOidcProvider();
        clock = new MutableClock(Instant.now());
        app = TestServer.start(env(provider), new Routes(), TestServer.freshDatabase(), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        provider.close();
    }

    /** The test environment with the provider configured as {@code fake}. */
    static Map<String, String> env(FakeOidcProvider provider) {
        Map<String, String> env = TestServer.env();
        env.putAll(provider.env("fake"));
        return env;
    }

    record Login(String state, String nonce, String challenge, String redirectUri, String cookie) {}

    static Map<String, String> query(String location) {
        return FakeOidcProvider.query(location);
    }

    static Login login() throws Exception {
        HttpResponse<String> response = app.get("/api/v1/auth/oauth/fake/login");
        assertEquals(302, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(provider.issuer() + "/authorize?"), location);
        Map<String, String> params = query(location);
        assertEquals(FakeOidcProvider.CLIENT_ID, params.get("client_id"));
        assertEquals("S256", params.get("code_challenge_method"));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        return new Login(
                params.get("state"),
                params.get("nonce"),
                params.get("code_challenge"),
                params.get("redirect_uri"),
                cookie.split(";")[0]);
    }

    static JWTClaimsSet.Builder claims(String nonce, String email) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder()
                .issuer(provider.issuer())
                .audience(FakeOidcProvider.CLIENT_ID)
                .subject("sub-" + email)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 300_000))
                .claim("nonce", nonce)
                .claim("email", email)
                .claim("email_verified", true)
                .claim("name", "Oli");
    }

    /** Runs login + provider + callback; returns the callback's answer. */
    static HttpResponse<String> signIn(String email, UnaryOperator<JWTClaimsSet.Builder> tamper) throws Exception {
        Login login = login();
        String code = "code-" + System.nanoTime();
        provider.prepare(
                code,
                provider.sign(tamper.apply(claims(login.nonce(), email)).build(), provider.key()),
                login.challenge(),
                login.redirectUri());
        return app.get(
                "/api/v1/auth/oauth/fake/callback?code=" + code + "&state="
                        + URLEncoder.encode(login.state(), StandardCharsets.UTF_8),
                "Cookie",
                login.cookie());
    }

    static String sessionCode(HttpResponse<String> callback) {
        assertEquals(302, callback.statusCode(), callback.body());
        String location = callback.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/admin/oauth/callback?session_code="), location);
        return query(location).get("session_code");
    }

    static HttpResponse<String> redeem(String code) throws Exception {
        return app.post("/api/v1/auth/oauth/session", "{\"session_code\":\"" + code + "\"}");
    }

    @Test
    void fullSignInAndKeyRotation() throws Exception {
        // its own provider and server: nimbus allows two JWKS fetches per 30 s, and the other tests spend them
        FakeOidcProvider sharedProvider = provider;
        TestServer sharedApp = app;
        try (FakeOidcProvider own = new FakeOidcProvider();
                TestServer ownApp = TestServer.start(env(own), new Routes(), TestServer.freshDatabase(), clock)) {
            provider = own;
            app = ownApp;
            signInAndRotate();
        } finally {
            provider = sharedProvider;
            app = sharedApp;
        }
    }

    private void signInAndRotate() throws Exception {
        String code = sessionCode(signIn("oli@example.com", c -> c));
        assertEquals(
                0, app.db.getCollection("session_codes").countDocuments(Filters.eq("_id", code)), "stored in clear");
        HttpResponse<String> token = redeem(code);
        assertEquals(200, token.statusCode(), token.body());
        String bearer = "Bearer " + TestServer.json(token).get("access_token").asText();
        assertEquals(
                "oli@example.com",
                TestServer.json(app.get("/api/v1/me", "Authorization", bearer))
                        .get("email")
                        .asText());
        // same subject again: same user, no new account
        sessionCode(signIn("oli@example.com", c -> c));
        assertEquals(1, app.db.getCollection("users").countDocuments(Filters.eq("email", "oli@example.com")));

        provider.rotate("key-2");
        int before = provider.jwksFetches();
        String rotated = sessionCode(signIn("rot@example.com", c -> c));
        assertEquals(200, redeem(rotated).statusCode());
        assertTrue(provider.jwksFetches() > before, "the new kid was not fetched");
    }

    @Test
    void badIdTokensAreRefused() throws Exception {
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> cases = new java.util.LinkedHashMap<>();
        cases.put("wrong aud", c -> c.audience("someone-else"));
        cases.put("wrong iss", c -> c.issuer("https://evil.example.com"));
        cases.put("wrong nonce", c -> c.claim("nonce", "forged"));
        cases.put("no nonce", c -> c.claim("nonce", null));
        cases.put("expired", c -> c.issueTime(new Date(0)).expirationTime(new Date(1000)));
        cases.put("no exp", c -> c.expirationTime(null));
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = signIn("bad@example.com", c.getValue());
            assertEquals(401, response.statusCode(), c.getKey() + ": " + response.body());
        }

        // signed by a key the provider does not publish
        Login login = login();
        provider.prepare(
                "unknown-key",
                provider.sign(claims(login.nonce(), "bad@example.com").build(), FakeOidcProvider.newKey("rogue")),
                login.challenge(),
                login.redirectUri());
        assertEquals(401, callback("unknown-key", login.state(), login.cookie()).statusCode());

        // HS256 with the client secret (algorithm confusion)
        login = login();
        SignedJWT hs = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(login.nonce(), "bad@example.com").build());
        hs.sign(new MACSigner(FakeOidcProvider.CLIENT_SECRET.repeat(3).getBytes(StandardCharsets.UTF_8)));
        provider.prepare("hs", hs.serialize(), login.challenge(), login.redirectUri());
        assertEquals(401, callback("hs", login.state(), login.cookie()).statusCode());
        assertEquals(0, app.db.getCollection("users").countDocuments(Filters.eq("email", "bad@example.com")));
    }

    static HttpResponse<String> callback(String code, String state, String cookie) throws Exception {
        String path = "/api/v1/auth/oauth/fake/callback?code=" + code + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8);
        return cookie == null ? app.get(path) : app.get(path, "Cookie", cookie);
    }

    @Test
    void stateIsBoundToTheBrowserAndSingleUse() throws Exception {
        Login login = login();
        provider.prepare(
                "c1",
                provider.sign(claims(login.nonce(), "state@example.com").build(), provider.key()),
                login.challenge(),
                login.redirectUri());
        assertEquals(401, callback("c1", login.state(), null).statusCode());
        assertEquals(
                401,
                callback("c1", login.state(), "instacrud_oauth=someone-elses").statusCode());
        Login other = login();
        assertEquals(401, callback("c1", other.state(), login.cookie()).statusCode());
        assertEquals(302, callback("c1", login.state(), login.cookie()).statusCode());
        provider.prepare(
                "c2",
                provider.sign(claims(login.nonce(), "state@example.com").build(), provider.key()),
                login.challenge(),
                login.redirectUri());
        assertEquals(401, callback("c2", login.state(), login.cookie()).statusCode(), "state replayed");
        assertEquals(404, app.get("/api/v1/auth/oauth/nope/login").statusCode());
    }

    @Test
    void aProviderNeverTakesOverAnUnverifiedPasswordAccount() throws Exception {
        app.signupAdmin("owner@example.com");
        HttpResponse<String> unverified = signIn("owner@example.com", c -> c.claim("email_verified", null));
        assertEquals(403, unverified.statusCode(), unverified.body());
        // even a provider-verified email: the password account never proved it (AccountTakeoverTest)
        assertEquals(
                409, signIn("owner@example.com", c -> c.subject("verified-sub")).statusCode());
    }

    @Test
    void aSessionCodeWorksExactlyOnceUnder32Threads() throws Exception {
        String code = sessionCode(signIn("race@example.com", c -> c));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> {
                    go.await();
                    return redeem(code).statusCode();
                });
            }
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(call));
            }
            go.countDown();
            int ok = 0;
            for (Future<Integer> future : futures) {
                int status = future.get();
                assertTrue(status == 200 || status == 401, "status " + status);
                ok += status == 200 ? 1 : 0;
            }
            assertEquals(1, ok);
        } finally {
            pool.shutdownNow();
        }
        assertProblem(redeem(code), 401);
        assertProblem(redeem("made-up"), 401);
        assertProblem(app.post("/api/v1/auth/oauth/session", "{\"session_code\":{\"$ne\":null}}"), 422);
    }

    @Test
    void anExpiredSessionCodeIsRefused() throws Exception {
        String code = sessionCode(signIn("late@example.com", c -> c));
        clock.advance(Duration.ofSeconds(61));
        assertProblem(redeem(code), 401);
        assertFalse(redeem(code).body().contains("access_token"));
    }
}
