package dev.instacrud.runtime.http;

import org.eclipse.jetty.server.Request;

/**
 * The request attributes the handlers of the chain share: {@link RequestIdHandler} sets the request id
 * and writes the access-log line, the router sets the caller's user id once authenticated and the matched
 * route's template, which {@link RequestMetricsHandler} counts by. One place, so the handler that writes an
 * attribute and the one that reads it cannot drift apart.
 */
final class RequestAttributes {
    /** The request's id, set by {@link RequestIdHandler}. */
    static final String REQUEST_ID = "instacrud.requestId";
    /** The authenticated caller's user id, for the access log. */
    static final String USER_ID = "instacrud.userId";
    /** The template of the route that answered ({@code /api/v1/tasks/{id}}), or a mount's {@code /path/*}. */
    static final String ROUTE = "instacrud.route";

    /** The keys of the request id and the user id in the logging MDC (and so in JSON log lines). */
    static final String MDC_REQUEST_ID = "requestId";

    static final String MDC_USER_ID = "userId";

    private RequestAttributes() {}

    /** The request's id, or {@code -} outside the chain. */
    static String requestId(Request request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id == null ? "-" : id.toString();
    }
}
