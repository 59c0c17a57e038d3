package dev.instacrud.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.log.LogSanitizer;
import dev.instacrud.runtime.ratelimit.ClientIpResolver;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost handler: runs a request through its steps, in this order, each a class of its own:
 *
 * <ol>
 *   <li>{@link RouteTable}: the route for the method and path (404, 405);
 *   <li>{@link Authentication}: the caller of a non-public route (401 with {@code WWW-Authenticate: Bearer});
 *   <li>{@link RoleCheck}: the caller's role (403);
 *   <li>{@link RateLimit}: per client IP or per user (429 with {@code Retry-After});
 *   <li>{@link QueryString}: only the query parameters the route declared, each once (400);
 *   <li>{@link JsonBody}: the body (413 over the limit, 415 when not JSON, 400 when malformed);
 *   <li>{@link ContextBinding}: the handler, with the caller bound for the data layer;
 * </ol>
 *
 * then writes the route's answer. Every refusal and every unexpected exception ends in {@link Problems}; a
 * 500 shows only "Internal server error" and the cause is logged with the request id.
 *
 * <p>The steps are plain classes the router calls, not Jetty {@code Handler.Wrapper}s: each needs what the
 * one before found (the route, the caller, the client's IP) and a wrapper could only pass it on through
 * string-keyed request attributes. The checks that need no route are wrappers in front of this one
 * ({@link CorsHandler}, {@link PathTraversalHandler}).
 */
final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final RouteTable routes;
    private final Authentication authentication;
    private final RateLimit rateLimit;
    private final JsonBody jsonBody;
    private final ClientIpResolver clientIps;

    Router(
            RouteTable routes,
            Authentication authentication,
            RateLimit rateLimit,
            JsonBody jsonBody,
            ClientIpResolver clientIps) {
        super(routes.invocationType());
        this.routes = routes;
        this.authentication = authentication;
        this.rateLimit = rateLimit;
        this.jsonBody = jsonBody;
        this.clientIps = clientIps;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestAttributes.requestId(request);
        ApiResponse answer;
        try {
            answer = dispatch(request, requestId);
        } catch (ApiException e) {
            Problems.write(response, callback, e);
            return true;
        } catch (Throwable e) {
            LOG.error("request {} failed: {}", requestId, LogSanitizer.throwable(e));
            Problems.write(response, callback, internalError());
            return true;
        }
        try {
            write(response, callback, answer);
        } catch (RuntimeException e) {
            LOG.error("request {} failed writing its response: {}", requestId, LogSanitizer.throwable(e));
            Problems.write(response, callback, internalError());
        }
        return true;
    }

    private ApiResponse dispatch(Request request, String requestId) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        RouteTable.Match match = routes.match(method, path);
        Route route = match.route();
        request.setAttribute(RequestAttributes.ROUTE, route.template());
        String clientIp = clientIp(request);
        CurrentUser user = authentication.caller(route, request);
        RoleCheck.check(route, user);
        rateLimit.acquire(route, user, clientIp);
        Map<String, List<String>> query = QueryString.read(route, request);
        JsonNode body = jsonBody.read(request, method);
        ApiRequest apiRequest = new ApiRequest(
                method,
                path,
                match.params(),
                query,
                body,
                name -> request.getHeaders().get(name),
                clientIp,
                requestId,
                user);
        return ContextBinding.call(route, apiRequest);
    }

    private String clientIp(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return "unknown";
        }
        return clientIps.resolve(inet.getAddress(), request.getHeaders().getValuesList("X-Forwarded-For"));
    }

    private static void write(Response response, Callback callback, ApiResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (answer.body() == null) {
            callback.succeeded();
            return;
        }
        byte[] bytes = Json.write(answer.body());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static ApiException internalError() {
        return new ApiException(500, "Internal Server Error", "Internal server error");
    }
}
