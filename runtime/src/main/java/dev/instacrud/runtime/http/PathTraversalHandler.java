package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import java.util.Locale;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses path traversal with a 400 before any route is looked up (OWASP "Path Traversal"). Jetty already
 * refuses ambiguous encodings ({@code %2e%2e}, {@code %2f}) with a 400 of its own; this also refuses the
 * plain and partly encoded forms it would otherwise normalise away ({@code ..}, {@code %2e}, {@code %5c},
 * {@code \}, {@code //}, {@code %00}, {@code ;}), so {@code /api/../x} never reaches a route. Sits just
 * inside CORS, in front of the {@link Router}.
 */
final class PathTraversalHandler extends Handler.Wrapper {
    PathTraversalHandler(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (isTraversal(request.getHttpURI().getPath())) {
            Problems.write(response, callback, ApiException.badRequest("Invalid path"));
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** @param raw the path as the client sent it, still encoded */
    static boolean isTraversal(String raw) {
        if (raw == null) {
            return true;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        return lower.contains("..")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("\\")
                || lower.contains("//")
                || lower.contains("%00")
                || lower.contains(";");
    }
}
