package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cross-origin access for the exact origins of {@code CORS_ALLOW_ORIGINS} (no wildcard, no credentials
 * cookies: the API uses bearer tokens). {@code Origin: null} (sandboxed frames, {@code file:} pages,
 * some redirects) is refused with 403 on every request, since allowing it would allow any sandboxed
 * page. A preflight from an origin not on the list is a 403; a plain request from such an origin gets no
 * CORS headers, so the browser withholds the answer. See the Fetch standard, "CORS protocol".
 *
 * <p>Not Jetty's {@code CrossOriginHandler}: it answers a preflight from an unlisted origin with an empty 200
 * (or refuses every request from it with a 400), cannot single out {@code Origin: null}, matches origins as
 * case-sensitive regular expressions, and echoes a space-separated {@code Origin} list whole when one entry
 * matches.
 */
final class CorsHandler extends Handler.Wrapper {
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    private static final String HEADERS = "Authorization, Content-Type, CF-Turnstile-Token, If-Match, If-None-Match";

    private final List<String> origins;

    CorsHandler(List<String> origins, Handler next) {
        super(next);
        this.origins = List.copyOf(origins);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return super.handle(request, response, callback);
        }
        if (origin.trim().equalsIgnoreCase("null")) {
            Problems.write(response, callback, ApiException.forbidden("Origin not allowed"));
            return true;
        }
        boolean allowed = origins.contains(origin.toLowerCase(Locale.ROOT));
        boolean preflight = request.getMethod().equals("OPTIONS")
                && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null;
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        if (preflight) {
            if (!allowed) {
                Problems.write(response, callback, ApiException.forbidden("Origin not allowed"));
                return true;
            }
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        if (allowed) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders()
                    .put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Location, Retry-After, X-Request-ID");
        }
        return super.handle(request, response, callback);
    }
}
