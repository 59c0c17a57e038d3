package dev.instacrud.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;

/** What every answer of the runtime must carry: the security headers, and problem+json for a refusal. */
public final class HttpAssertions {
    /** The security headers every response carries, errors included (outside prod, so no HSTS). */
    public static final List<String> SECURITY_HEADERS = List.of(
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Content-Security-Policy",
            "Referrer-Policy",
            "Cache-Control",
            "X-XSS-Protection");

    private HttpAssertions() {}

    /** The default security headers are there, the {@code Server} header and (outside prod) HSTS are not. */
    public static void assertSecurityHeaders(HttpResponse<?> response) {
        for (String header : SECURITY_HEADERS) {
            assertTrue(
                    response.headers().firstValue(header).isPresent(), header + " missing on " + response.statusCode());
        }
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals(
                "no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("0", response.headers().firstValue("X-XSS-Protection").orElseThrow());
        assertFalse(response.headers().firstValue("Server").isPresent(), "Server header sent");
        assertFalse(response.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS outside prod");
    }

    /** A problem+json refusal of this status, with a title and a detail that leak no class or file names. */
    public static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = TestServer.json(response);
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("title").isTextual());
        assertTrue(body.get("detail").isTextual());
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().contains(".java"), response.body());
        assertSecurityHeaders(response);
    }
}
