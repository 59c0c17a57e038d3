package dev.instacrud.cli.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider on loopback speaking the authorization-code protocol with PKCE: {@code
 * /authorize} "signs in" the user named by {@link #nextUser} and redirects back with a code and the state;
 * {@code /token} checks the client credentials, the redirect URI and the PKCE verifier, then returns an ID
 * token signed with its RSA key; {@code /jwks} publishes that key.
 */
final class FakeOidcProvider implements AutoCloseable {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // otherwise each answer waits ~40 ms
    }

    static final String CLIENT_ID = "e2e-client";
    static final String CLIENT_SECRET = "e2e-client-secret-0123456789";

    private record Grant(String idToken, String challenge, String redirectUri) {}

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** The email of whoever signs in at the next {@code /authorize}. */
    volatile String nextUser = "oauth-user@example.com";

    FakeOidcProvider() throws Exception {
        key = new RSAKeyGenerator(2048)
                .keyID("e2e-key")
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The generic-provider variables that configure this provider under the given name. */
    Map<String, String> env(String name) {
        String p = "OIDC_" + name.toUpperCase() + "_";
        return Map.of(
                "OIDC_PROVIDERS",
                name,
                p + "ISSUER",
                issuer(),
                p + "AUTHORIZE_URL",
                issuer() + "/authorize",
                p + "TOKEN_URL",
                issuer() + "/token",
                p + "JWKS_URL",
                issuer() + "/jwks",
                p + "CLIENT_ID",
                CLIENT_ID,
                p + "CLIENT_SECRET",
                CLIENT_SECRET);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        if (!"code".equals(q.get("response_type"))
                || !CLIENT_ID.equals(q.get("client_id"))
                || !"S256".equals(q.get("code_challenge_method"))
                || q.get("redirect_uri") == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(CLIENT_ID)
                .subject("sub-" + nextUser)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 300_000))
                .claim("nonce", q.get("nonce"))
                .claim("email", nextUser)
                .claim("email_verified", true)
                .claim("name", "OAuth User")
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            grants.put(code, new Grant(jwt.serialize(), q.get("code_challenge"), q.get("redirect_uri")));
        } catch (Exception e) {
            throw new IOException(e);
        }
        String location = q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state"));
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = grants.remove(f.getOrDefault("code", ""));
        boolean ok = grant != null
                && "authorization_code".equals(f.get("grant_type"))
                && CLIENT_ID.equals(f.get("client_id"))
                && CLIENT_SECRET.equals(f.get("client_secret"))
                && grant.redirectUri().equals(f.get("redirect_uri"))
                && grant.challenge().equals(s256(f.getOrDefault("code_verifier", "")));
        answer(
                exchange,
                ok ? 200 : 400,
                ok
                        ? "{\"access_token\":\"provider-at\",\"token_type\":\"Bearer\",\"id_token\":\""
                                + grant.idToken() + "\"}"
                        : "{\"error\":\"invalid_grant\"}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static Map<String, String> form(String text) {
        Map<String, String> out = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    static Map<String, String> query(String url) {
        return form(URI.create(url).getRawQuery());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
