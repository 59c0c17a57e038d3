package dev.instacrud.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One OIDC sign-in through the browser's steps against a service configured with a {@link FakeOidcProvider} named
 * {@code fake}: login, an ID token with the claims a test chooses, the callback.
 */
public final class OidcSignIn {
    private OidcSignIn() {}

    /** {@link #run(TestServer, FakeOidcProvider, Clock, String, UnaryOperator)} with the system clock. */
    public static HttpResponse<String> run(
            TestServer app, FakeOidcProvider provider, String subject, UnaryOperator<JWTClaimsSet.Builder> claims)
            throws Exception {
        return run(app, provider, Clock.systemUTC(), subject, claims);
    }

    /**
     * Runs login → provider → callback with an ID token for {@code subject}, issued at the server's {@code
     * clock}, whose other claims {@code claims} adds; returns the callback's answer.
     */
    public static HttpResponse<String> run(
            TestServer app,
            FakeOidcProvider provider,
            Clock clock,
            String subject,
            UnaryOperator<JWTClaimsSet.Builder> claims)
            throws Exception {
        HttpResponse<String> login = app.get("/api/v1/auth/oauth/fake/login");
        assertEquals(302, login.statusCode(), login.body());
        Map<String, String> params =
                FakeOidcProvider.query(login.headers().firstValue("Location").orElseThrow());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        long now = clock.millis();
        JWTClaimsSet.Builder token = new JWTClaimsSet.Builder()
                .issuer(provider.issuer())
                .audience(FakeOidcProvider.CLIENT_ID)
                .subject(subject)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 300_000))
                .claim("nonce", params.get("nonce"))
                .claim("name", "Owner");
        String code = "code-" + System.nanoTime();
        provider.prepare(
                code,
                provider.sign(claims.apply(token).build(), provider.key()),
                params.get("code_challenge"),
                params.get("redirect_uri"));
        return app.get(
                "/api/v1/auth/oauth/fake/callback?code=" + code + "&state="
                        + URLEncoder.encode(params.get("state"), StandardCharsets.UTF_8),
                "Cookie",
                cookie);
    }

    /** Claims of a provider-verified email. */
    public static UnaryOperator<JWTClaimsSet.Builder> verified(String email) {
        return c -> c.claim("email", email).claim("email_verified", true);
    }
}
