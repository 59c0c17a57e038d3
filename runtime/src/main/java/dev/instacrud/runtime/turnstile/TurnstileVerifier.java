package dev.instacrud.runtime.turnstile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.log.LogSanitizer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side check of a Cloudflare Turnstile token ({@code CF-Turnstile-Token} header) with {@code
 * siteverify}: a form POST of {@code secret}, {@code response}, {@code remoteip} and {@code
 * idempotency_key}, with a short timeout. Fails closed: a missing or oversized token, an answer other
 * than {@code "success": true}, a timeout, a network error, a non-200 or a malformed answer are all a
 * 400 "Bot verification failed". See Cloudflare's "Server-side validation" documentation.
 */
public final class TurnstileVerifier {
    /** The request header that carries the widget's token. */
    public static final String HEADER = "CF-Turnstile-Token";
    /** A verifier that accepts everything, used when Turnstile is not configured. */
    public static final TurnstileVerifier DISABLED = new TurnstileVerifier();

    private static final Logger LOG = LoggerFactory.getLogger(TurnstileVerifier.class);
    private static final int MAX_TOKEN_CHARS = 2048;

    private final String secret;
    private final URI verifyUrl;
    private final Duration timeout;
    private final HttpClient client;

    private TurnstileVerifier() {
        this.secret = null;
        this.verifyUrl = null;
        this.timeout = null;
        this.client = null;
    }

    public TurnstileVerifier(String secret, String verifyUrl, Duration timeout) {
        this.secret = secret;
        this.verifyUrl = URI.create(verifyUrl);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether this verifier checks anything. */
    public boolean enabled() {
        return secret != null;
    }

    /**
     * Verifies a token; returns normally only on a definite success.
     *
     * @param token the header's value, or null
     * @param remoteIp the client's IP
     * @throws ApiException 400 on every other outcome
     */
    public void verify(String token, String remoteIp) {
        if (!enabled()) {
            return;
        }
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            throw refused();
        }
        String form = "secret=" + enc(secret) + "&response=" + enc(token) + "&remoteip=" + enc(remoteIp)
                + "&idempotency_key=" + enc(UUID.randomUUID().toString());
        HttpRequest request = HttpRequest.newBuilder(verifyUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warn("turnstile siteverify answered {}", response.statusCode());
                throw refused();
            }
            JsonNode answer = Json.parse(response.body());
            JsonNode success = answer.get("success");
            if (success == null || !success.isBoolean() || !success.booleanValue()) {
                LOG.info("turnstile refused: {}", LogSanitizer.json(answer.path("error-codes")));
                throw refused();
            }
        } catch (IOException e) {
            LOG.warn(
                    "turnstile siteverify unreachable or too slow: {}",
                    e.getClass().getSimpleName());
            throw refused();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused();
        } catch (ApiException e) {
            throw refused(); // includes a malformed answer from Json.parse
        }
    }

    private static ApiException refused() {
        return ApiException.badRequest("Bot verification failed");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
