package dev.instacrud.runtime.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.instacrud.runtime.config.OidcProviderConfig;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to one OpenID Connect provider (OpenID Connect Core 1.0, section 3.1): builds the authorization
 * URL, exchanges the code at the token endpoint, and validates the ID token against the provider's JWKS
 * through nimbus's {@link JWKSourceBuilder} (keys cached, refreshed ahead, refetched once on an unknown
 * {@code kid} so key rotation just works, refetches rate-limited). Validation: RS256 or ES256 signature,
 * {@code iss} exact, {@code aud} containing our client id, {@code exp}, {@code iat}, {@code sub}, and
 * {@code nonce} equal to the one bound to the browser.
 */
final class OidcClient {
    private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);

    private final OidcProviderConfig provider;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final HttpClient http;
    private final Clock clock;

    /**
     * What a validated ID token says about the user.
     *
     * @param verifiedEmail the {@code email} claim when {@code email_verified} is JSON {@code true}, else
     *     null: an address the provider did not verify, or a {@code preferred_username} (which may be any
     *     text the user or a tenant administrator chose), is no evidence of owning a mailbox
     */
    record Identity(String subject, String verifiedEmail, String name) {}

    OidcClient(OidcProviderConfig provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(new URL(provider.jwksUrl()))
                    .retrying(true)
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("bad JWKS URL for " + provider.name(), e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        provider.clientId(),
                        new JWTClaimsSet.Builder().issuer(provider.issuer()).build(),
                        Set.of("iss", "aud", "sub", "exp", "iat", "nonce")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                });
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String authorizationUrl(String redirectUri, String state, String nonce, String codeChallenge) {
        String sep = provider.authorizeUrl().contains("?") ? "&" : "?";
        return provider.authorizeUrl() + sep + "response_type=code"
                + "&client_id=" + enc(provider.clientId())
                + "&redirect_uri=" + enc(redirectUri)
                + "&scope=" + enc(provider.scopes())
                + "&state=" + enc(state)
                + "&nonce=" + enc(nonce)
                + "&code_challenge=" + enc(codeChallenge)
                + "&code_challenge_method=S256";
    }

    /** Exchanges the code and validates the ID token; any failure is a 401. */
    Identity exchange(String code, String redirectUri, String codeVerifier, String expectedNonce) {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
                + "&client_id=" + enc(provider.clientId()) + "&client_secret=" + enc(provider.clientSecret())
                + "&code_verifier=" + enc(codeVerifier);
        HttpRequest request = HttpRequest.newBuilder(URI.create(provider.tokenUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        String idToken;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warn("token endpoint of {} answered {}", provider.name(), response.statusCode());
                throw failed();
            }
            JsonNode body = Json.parse(response.body());
            JsonNode token = body.get("id_token");
            if (token == null || !token.isTextual()) {
                throw failed();
            }
            idToken = token.textValue();
        } catch (IOException e) {
            LOG.warn(
                    "token endpoint of {} unreachable: {}",
                    provider.name(),
                    e.getClass().getSimpleName());
            throw failed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed();
        }
        try {
            JWTClaimsSet claims = processor.process(idToken, null);
            String nonce = claims.getStringClaim("nonce");
            if (nonce == null
                    || !MessageDigest.isEqual(
                            nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
                throw failed();
            }
            boolean verified = Boolean.TRUE.equals(claims.getClaim("email_verified"));
            String email = verified ? claims.getStringClaim("email") : null;
            return new Identity(claims.getSubject(), email, claims.getStringClaim("name"));
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn(
                    "ID token from {} refused: {}",
                    provider.name(),
                    e.getClass().getSimpleName());
            throw failed();
        }
    }

    OidcProviderConfig provider() {
        return provider;
    }

    private static ApiException failed() {
        return ApiException.unauthorized("OAuth sign-in failed");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
