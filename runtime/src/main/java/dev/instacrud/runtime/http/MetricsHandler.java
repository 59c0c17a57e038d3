package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: the service's metrics in the Prometheus text format. With {@code METRICS_TOKEN} it
 * answers only {@code Authorization: Bearer <token>} (compared in constant time) and refuses anything else with
 * a 401, as a scrape job's {@code authorization} setting sends; without a token it is served only on the
 * separate metrics listener ({@code METRICS_PORT}), which serves nothing else. It is never served on the API
 * port unprotected.
 *
 * <p>Answers {@code Cache-Control: no-store}: a scrape is a reading of now.
 */
final class MetricsHandler extends Handler.Abstract.NonBlocking {
    static final String PATH = "/metrics";

    private final ServiceMetrics metrics;
    private final byte[] tokenDigest;

    /** @param token the bearer token required, or null for none */
    MetricsHandler(ServiceMetrics metrics, String token) {
        this.metrics = metrics;
        this.tokenDigest = token == null ? null : digest(token);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        request.setAttribute(RequestAttributes.ROUTE, PATH);
        if (!Request.getPathInContext(request).equals(PATH)) {
            Problems.write(response, callback, ApiException.notFound("Not found"));
            return true;
        }
        if (!request.getMethod().equals("GET")) {
            Problems.write(
                    response,
                    callback,
                    new ApiException(405, "Method Not Allowed", "Method not allowed; allowed: GET"));
            return true;
        }
        if (tokenDigest != null && !authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            Problems.write(response, callback, ApiException.unauthorized("Not authenticated"));
            return true;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        metrics.writeTo(out);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ServiceMetrics.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
        return true;
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // digests of equal length, compared in constant time: neither the token nor its length leaks
        return MessageDigest.isEqual(tokenDigest, digest(header.substring(7).trim()));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
