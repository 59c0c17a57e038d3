package dev.instacrud.runtime.auth;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static dev.instacrud.runtime.testing.HttpAssertions.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Item 3: the algorithm is pinned, every claim is required, every malformed header is a 401. Issue 12 item 4: a token
 * names its session ({@code sid}) and the user's token epoch ({@code epoch}); one without them, or naming another
 * user's session, an unknown one or an old epoch, is refused like a forged one.
 */
class TokenTamperingTest {
    static TestServer app;
    static String userId;
    static String bearer;
    static String sessionId;

    @BeforeAll
    static void start() throws Exception {
        Routes routes = new Routes();
        routes.post("/api/v1/notes", request -> ApiResponse.json(201, Map.of("ok", true)));
        app = TestServer.start(TestServer.env(), routes);
        bearer = app.signupAdmin("tok@example.com");
        userId = TestServer.json(app.get("/api/v1/me", "Authorization", bearer))
                .get("id")
                .asText();
        sessionId = sessionOf(bearer);
    }

    /** The session a real token names. */
    static String sessionOf(String bearer) throws Exception {
        return SignedJWT.parse(bearer.substring(7)).getJWTClaimsSet().getStringClaim("sid");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static JWTClaimsSet.Builder claims(String subject) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder()
                .issuer("instacrud")
                .audience("instacrud-api")
                .subject(subject)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 600_000))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId)
                .claim("epoch", 0L);
    }

    static String hmac(JWSAlgorithm alg, byte[] secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    static void assert401(String authorization) throws Exception {
        HttpResponse<String> response =
                authorization == null ? app.get("/api/v1/me") : app.get("/api/v1/me", "Authorization", authorization);
        assertProblem(response, 401);
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow(), authorization);
    }

    @Test
    void aValidTokenWorks() throws Exception {
        byte[] secret = TestServer.SECRET.getBytes(StandardCharsets.UTF_8);
        assertEquals(200, app.get("/api/v1/me", "Authorization", bearer).statusCode());
        assertEquals(
                200,
                app.get(
                                "/api/v1/me",
                                "Authorization",
                                "Bearer "
                                        + hmac(
                                                JWSAlgorithm.HS256,
                                                secret,
                                                claims(userId).build()))
                        .statusCode());
    }

    @Test
    void tamperedTokensAreRefused() throws Exception {
        byte[] secret = TestServer.SECRET.getBytes(StandardCharsets.UTF_8);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("alg none", new PlainJWT(claims(userId).build()).serialize());
        cases.put(
                "other key",
                hmac(
                        JWSAlgorithm.HS256,
                        "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8),
                        claims(userId)
                                .claim("role", "ORG_ADMIN")
                                .claim("orgId", new ObjectId().toHexString())
                                .build()));
        cases.put("HS384", hmac(JWSAlgorithm.HS384, secret, claims(userId).build()));
        cases.put("HS512", hmac(JWSAlgorithm.HS512, secret, claims(userId).build()));
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("k").generate();
        SignedJWT rs256 = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
                claims(userId).build());
        rs256.sign(new RSASSASigner(rsa));
        cases.put("RS256", rs256.serialize());
        long past = System.currentTimeMillis() - 3_600_000;
        cases.put(
                "expired",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId)
                                .issueTime(new Date(past))
                                .expirationTime(new Date(past + 60_000))
                                .build()));
        cases.put(
                "no exp",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).expirationTime(null).build()));
        cases.put(
                "no jti",
                hmac(JWSAlgorithm.HS256, secret, claims(userId).jwtID(null).build()));
        cases.put(
                "no iat",
                hmac(JWSAlgorithm.HS256, secret, claims(userId).issueTime(null).build()));
        cases.put("no sub", hmac(JWSAlgorithm.HS256, secret, claims(null).build()));
        cases.put(
                "wrong iss",
                hmac(JWSAlgorithm.HS256, secret, claims(userId).issuer("evil").build()));
        cases.put(
                "wrong aud",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).audience("other").build()));
        cases.put(
                "unknown user",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(new ObjectId().toHexString()).build()));
        cases.put(
                "no sid",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).claim("sid", null).build()));
        cases.put(
                "no epoch",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).claim("epoch", null).build()));
        cases.put(
                "unknown session",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId)
                                .claim("sid", new ObjectId().toHexString())
                                .build()));
        cases.put(
                "a later epoch",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).claim("epoch", 1L).build()));
        cases.put(
                "epoch as text",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).claim("epoch", "0").build()));
        String other = app.signupAdmin("other-session@example.com");
        cases.put(
                "another user's session",
                hmac(
                        JWSAlgorithm.HS256,
                        secret,
                        claims(userId).claim("sid", sessionOf(other)).build()));
        String valid = bearer.substring(7);
        cases.put("flipped signature", valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = app.get("/api/v1/me", "Authorization", "Bearer " + c.getValue());
            assertEquals(401, response.statusCode(), c.getKey());
            assertEquals(
                    "Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow(), c.getKey());
            assertSecurityHeaders(response);
        }
    }

    @Test
    void malformedHeadersAreRefused() throws Exception {
        assert401(null);
        assert401("Bearer");
        assert401("Bearer ");
        assert401("Bearer null");
        assert401("Bearer undefined");
        assert401("Bearer abc.def.ghi");
        assert401("Bearer " + "a".repeat(10_240));
        assert401("Basic dG9rQGV4YW1wbGUuY29tOmNvcnJlY3QgaG9yc2U=");
        assert401(bearer.substring(7)); // no scheme
        String answer =
                app.raw("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: \r\nConnection: close\r\n\r\n");
        assertEquals("HTTP/1.1 401", answer.substring(0, 12), answer);
    }

    @Test
    void removalAndDemotionTakeEffectAtOnce() throws Exception {
        String auth = app.signupAdmin("demoted@example.com");
        assertEquals(201, app.post("/api/v1/notes", "{}", "Authorization", auth).statusCode());
        String id = TestServer.json(app.get("/api/v1/me", "Authorization", auth))
                .get("id")
                .asText();
        app.db.getCollection("users").updateOne(Filters.eq("_id", new ObjectId(id)), Updates.set("role", "READ_ONLY"));
        assertProblem(app.post("/api/v1/notes", "{}", "Authorization", auth), 403);
        assertEquals(200, app.get("/api/v1/me", "Authorization", auth).statusCode());
        app.db.getCollection("users").deleteOne(Filters.eq("_id", new ObjectId(id)));
        assert401(auth);
    }
}
