package dev.instacrud.runtime.http;

import dev.instacrud.runtime.config.SecurityHeaders;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: puts the configured security headers (OWASP Secure Headers Project) on the
 * response before anything else runs, so refusals from every inner handler, 404s and 500s carry them
 * too. Errors Jetty produces itself (a malformed request line, an ambiguous URI) go through {@link
 * ProblemErrorHandler}, which adds the same headers.
 */
final class SecurityHeadersHandler extends Handler.Wrapper {
    private final SecurityHeaders headers;

    SecurityHeadersHandler(SecurityHeaders headers, Handler next) {
        super(next);
        this.headers = headers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        apply(headers, response);
        return super.handle(request, response, callback);
    }

    static void apply(SecurityHeaders headers, Response response) {
        headers.values().forEach((name, value) -> response.getHeaders().put(name, value));
    }
}
