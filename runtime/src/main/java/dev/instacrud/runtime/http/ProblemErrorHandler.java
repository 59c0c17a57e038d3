package dev.instacrud.runtime.http;

import dev.instacrud.runtime.config.SecurityHeaders;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Replaces Jetty's HTML error pages for the errors Jetty raises itself (bad request line, ambiguous URI
 * encodings, headers too large, a handler that failed its callback): problem+json with the status and
 * its title only, plus the security headers. Never a message, cause or stack trace.
 */
final class ProblemErrorHandler implements Request.Handler {
    private final SecurityHeaders headers;

    ProblemErrorHandler(SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = attribute instanceof Integer code && code >= 400 && code <= 599 ? code : 500;
        response.setStatus(status);
        SecurityHeadersHandler.apply(headers, response);
        response.getHeaders().remove(HttpHeader.SERVER);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        String detail = status >= 500 ? "Internal server error" : Problems.title(status);
        byte[] body = Problems.body(status, Problems.title(status), detail, List.of());
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
