package dev.instacrud.runtime.http;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider on loopback speaking the real protocol: a JWKS endpoint publishing its
 * current RSA key, and a token endpoint that checks the client secret and the PKCE verifier before
 * handing out the ID token prepared for a code. Keys can be rotated.
 */
final class FakeOidcProvider implements AutoCloseable {
    static {
        // the JDK server otherwise delays each answer by about 40 ms (Nagle + delayed ACK)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String CLIENT_ID = "client-1";
    static final String CLIENT_SECRET = "client-secret-1";

    private final HttpServer server;
    private volatile RSAKey key;
    private final Map<String, String[]> codes = new ConcurrentHashMap<>(); // code -> {idToken, challenge}
    final AtomicInteger jwksFetches = new AtomicInteger();

    FakeOidcProvider() throws Exception {
        key = newKey("key-1");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", this::jwks);
        server.createContext("/token", this::token);
        server.start();
    }

    static RSAKey newKey(String kid) throws Exception {
        return new RSAKeyGenerator(2048)
                .keyID(kid)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Environment variables configuring this provider as {@code fake}. */
    String[] env() {
        return new String[] {
            "OIDC_PROVIDERS",
            "fake",
            "OIDC_FAKE_ISSUER",
            issuer(),
            "OIDC_FAKE_AUTHORIZE_URL",
            issuer() + "/authorize",
            "OIDC_FAKE_TOKEN_URL",
            issuer() + "/token",
            "OIDC_FAKE_JWKS_URL",
            issuer() + "/jwks",
            "OIDC_FAKE_CLIENT_ID",
            CLIENT_ID,
            "OIDC_FAKE_CLIENT_SECRET",
            CLIENT_SECRET
        };
    }

    RSAKey key() {
        return key;
    }

    void rotate(String kid) throws Exception {
        key = newKey(kid);
    }

    /** Signs claims with the current key (or the given one). */
    String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    /** The ID token the token endpoint will return for this code, if the verifier matches the challenge. */
    void prepare(String code, String idToken, String challenge) {
        codes.put(code, new String[] {idToken, challenge});
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksFetches.incrementAndGet();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String[] prepared = codes.remove(form.getOrDefault("code", ""));
        boolean ok = prepared != null
                && "authorization_code".equals(form.get("grant_type"))
                && CLIENT_ID.equals(form.get("client_id"))
                && CLIENT_SECRET.equals(form.get("client_secret"))
                && prepared[1].equals(s256(form.getOrDefault("code_verifier", "")));
        byte[] body = (ok
                        ? "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\"" + prepared[0] + "\"}"
                        : "{\"error\":\"invalid_grant\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static String s256(String verifier) {
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
