package dev.instacrud.runtime.testing;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider on loopback speaking the authorization-code protocol with PKCE (RFC 7636), for
 * the runtime's OAuth tests and the CLI's end-to-end tests alike:
 *
 * <ul>
 *   <li>{@code /authorize} "signs in" the user named by {@link #nextUser} and redirects back with a code and
 *       the state;
 *   <li>{@code /token} checks the client credentials, the redirect URI and the PKCE verifier, then returns
 *       the ID token of that code, once;
 *   <li>{@code /jwks} publishes the current RSA key, which {@link #rotate} replaces.
 * </ul>
 *
 * Tests that need a tampered ID token skip {@code /authorize}: they {@link #sign} their own claims and
 * {@link #prepare} the code that will return them.
 */
public final class FakeOidcProvider implements AutoCloseable {
    static {
        // the JDK server otherwise delays each answer by about 40 ms (Nagle + delayed ACK)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String CLIENT_ID = "fake-client";
    public static final String CLIENT_SECRET = "fake-client-secret-0123456789";

    private record Grant(String idToken, String challenge, String redirectUri) {}

    private final HttpServer server;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile RSAKey key;
    private volatile String nextUser = "oauth-user@example.com";

    public FakeOidcProvider() throws Exception {
        key = newKey("key-1");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.start();
    }

    /** A fresh RS256 signing key. */
    public static RSAKey newKey(String kid) throws Exception {
        return new RSAKeyGenerator(2048)
                .keyID(kid)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The generic-provider variables ({@code OIDC_PROVIDERS}, {@code OIDC_<NAME>_*}) that configure it. */
    public Map<String, String> env(String name) {
        String prefix = "OIDC_" + name.toUpperCase(Locale.ROOT) + "_";
        return Map.of(
                "OIDC_PROVIDERS",
                name,
                prefix + "ISSUER",
                issuer(),
                prefix + "AUTHORIZE_URL",
                issuer() + "/authorize",
                prefix + "TOKEN_URL",
                issuer() + "/token",
                prefix + "JWKS_URL",
                issuer() + "/jwks",
                prefix + "CLIENT_ID",
                CLIENT_ID,
                prefix + "CLIENT_SECRET",
                CLIENT_SECRET);
    }

    /** Who signs in at the next {@code /authorize}. */
    public void nextUser(String email) {
        nextUser = email;
    }

    /** The current signing key. */
    public RSAKey key() {
        return key;
    }

    /** Replaces the signing key; {@code /jwks} publishes the new one only. */
    public void rotate(String kid) throws Exception {
        key = newKey(kid);
    }

    /** How many times {@code /jwks} was fetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** Signs claims with the given key (the current one, or a rogue one). */
    public String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    /**
     * The ID token {@code /token} returns for this code, once, when the redirect URI and the PKCE verifier
     * match.
     */
    public void prepare(String code, String idToken, String challenge, String redirectUri) {
        grants.put(code, new Grant(idToken, challenge, redirectUri));
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
        String user = nextUser;
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(CLIENT_ID)
                .subject("sub-" + user)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 300_000))
                .claim("nonce", q.get("nonce"))
                .claim("email", user)
                .claim("email_verified", true)
                .claim("name", "OAuth User")
                .build();
        try {
            prepare(code, sign(claims, key), q.get("code_challenge"), q.get("redirect_uri"));
        } catch (Exception e) {
            throw new IOException(e);
        }
        String location = q.get("redirect_uri") + "?code=" + encode(code) + "&state=" + encode(q.get("state"));
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
        jwksFetches.incrementAndGet();
        answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** An {@code application/x-www-form-urlencoded} text (or a raw query) as a map of decoded values. */
    public static Map<String, String> form(String text) {
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

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> query(String url) {
        return form(URI.create(url).getRawQuery());
    }

    /** The PKCE S256 challenge of a verifier. */
    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
