package dev.instacrud.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.RequestContext;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.TooManyRequestsException;
import dev.instacrud.runtime.log.LogSanitizer;
import dev.instacrud.runtime.ratelimit.ClientIpResolver;
import dev.instacrud.runtime.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost handler: matches method + path template, then, in this order, refuses path traversal
 * (400), authenticates non-public routes (401 with {@code WWW-Authenticate: Bearer}), checks the role
 * (403), applies the rate limit (429 with {@code Retry-After}), reads the body (413 over the limit, 415
 * when not JSON, 400 when malformed), binds {@link RequestContext} and calls the handler. Every refusal
 * and every unexpected exception is rendered as problem+json; a 500 shows only "Internal server error"
 * and the cause is logged with the request id.
 */
final class Router extends Handler.Abstract {
    static final String USER_ID_ATTRIBUTE = "instacrud.userId";
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final List<Route> routes;
    private final Authenticator authenticator;
    private final RateLimiter ipLimiter;
    private final RateLimiter userLimiter;
    private final ClientIpResolver clientIps;
    private final long maxBodyBytes;

    Router(
            List<Route> routes,
            Authenticator authenticator,
            RateLimiter ipLimiter,
            RateLimiter userLimiter,
            ClientIpResolver clientIps,
            long maxBodyBytes) {
        super(routes.stream().allMatch(r -> !r.isBlocking()) ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING);
        this.routes = List.copyOf(routes);
        this.routes.forEach(Route::freeze);
        this.authenticator = authenticator;
        this.ipLimiter = ipLimiter;
        this.userLimiter = userLimiter;
        this.clientIps = clientIps;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIdHandler.requestId(request);
        ApiResponse answer;
        try {
            answer = dispatch(request, requestId);
        } catch (ApiException e) {
            writeProblem(response, callback, e);
            return true;
        } catch (RateLimitedException e) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
            writeProblem(response, callback, new ApiException(429, "Too Many Requests", "Rate limit exceeded"));
            return true;
        } catch (Throwable e) {
            LOG.error("request {} failed: {}", requestId, LogSanitizer.throwable(e));
            writeProblem(response, callback, new ApiException(500, "Internal Server Error", "Internal server error"));
            return true;
        }
        try {
            write(response, callback, answer);
        } catch (RuntimeException e) {
            LOG.error("request {} failed writing its response: {}", requestId, LogSanitizer.throwable(e));
            writeProblem(response, callback, new ApiException(500, "Internal Server Error", "Internal server error"));
        }
        return true;
    }

    @SuppressWarnings("try") // the scope is only closed, never read
    private ApiResponse dispatch(Request request, String requestId) throws Exception {
        refuseTraversal(request);
        String path = Request.getPathInContext(request);
        List<String> segments = PathTemplate.split(path);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        Route route = null;
        Map<String, String> params = null;
        int bestParams = Integer.MAX_VALUE;
        Set<String> allowed = new TreeSet<>();
        for (Route candidate : routes) {
            Map<String, String> match = candidate.pathTemplate().match(segments);
            if (match == null) {
                continue;
            }
            allowed.add(candidate.method());
            // a literal segment beats a parameter: /invitations wins over /{id}
            if (candidate.method().equals(method) && match.size() < bestParams) {
                route = candidate;
                params = match;
                bestParams = match.size();
            }
        }
        if (route == null) {
            if (allowed.isEmpty()) {
                throw ApiException.notFound("Not found");
            }
            throw new ApiException(
                    405, "Method Not Allowed", "Method not allowed; allowed: " + String.join(", ", allowed));
        }

        String clientIp = clientIp(request);
        CurrentUser user = null;
        if (!route.isPublic()) {
            user = authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            request.setAttribute(USER_ID_ATTRIBUTE, user.userId());
            if (!route.allows(user.role())) {
                throw ApiException.forbidden("Your role does not allow this operation");
            }
        }
        RateLimiter.Decision decision = RateLimiter.Decision.ALLOWED;
        if (route.limit() == Route.Limit.PER_IP) {
            // one allowance per route, as each auth endpoint is attacked on its own (sign-in vs sign-up)
            decision = ipLimiter.tryAcquire("ip:" + route.method() + " " + route.template() + "|" + clientIp);
        } else if (user != null) {
            decision = userLimiter.tryAcquire("user:" + user.userId());
        }
        if (!decision.allowed()) {
            throw new RateLimitedException(decision.retryAfterSeconds());
        }

        JsonNode body = BODY_METHODS.contains(method) ? readJson(request) : MissingNode.getInstance();
        ApiRequest apiRequest = new ApiRequest(
                method,
                path,
                params,
                query(request),
                body,
                name -> request.getHeaders().get(name),
                clientIp,
                requestId,
                user);
        try (RequestContext.Scope ignored = RequestContext.bind(requestId, user)) {
            return route.handler().handle(apiRequest);
        }
    }

    // Jetty already refuses ambiguous encodings (%2e%2e, %2f) with 400; this also refuses the plain and
    // partly encoded forms it would otherwise normalise away, so /api/../x never reaches a route.
    private static void refuseTraversal(Request request) {
        String raw = request.getHttpURI().getPath();
        if (raw == null) {
            throw ApiException.badRequest("Invalid path");
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("..")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("\\")
                || lower.contains("//")
                || lower.contains("%00")
                || lower.contains(";")) {
            throw ApiException.badRequest("Invalid path");
        }
    }

    private String clientIp(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return "unknown";
        }
        InetAddress address = inet.getAddress();
        return clientIps.resolve(address, request.getHeaders().getValuesList("X-Forwarded-For"));
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Malformed query string");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        return java.util.Collections.unmodifiableMap(query);
    }

    private JsonNode readJson(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw new ApiException(413, "Content Too Large", "Request body is larger than " + maxBodyBytes + " bytes");
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] bytes = readBounded(request);
        if (bytes.length == 0 && contentType == null) {
            return MissingNode.getInstance();
        }
        if (!isJson(contentType)) {
            throw new ApiException(415, "Unsupported Media Type", "Content-Type must be application/json");
        }
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        return Json.parse(bytes);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.equals("application/merge-patch+json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase("charset")
                    && (kv.length < 2 || !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false; // JSON is UTF-8 (RFC 8259); anything else would be decoded wrongly
            }
        }
        return true;
    }

    private byte[] readBounded(Request request) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] buffer = new byte[8192];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > maxBodyBytes) {
                    throw new ApiException(
                            413, "Content Too Large", "Request body is larger than " + maxBodyBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
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

    static void writeProblem(Response response, Callback callback, ApiException e) {
        response.setStatus(e.status());
        if (e.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        if (e instanceof TooManyRequestsException refused) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(Problems.body(e)), callback);
    }

    /** A refusal by the rate limiter, carrying its Retry-After. */
    private static final class RateLimitedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super(null, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    List<Route> routes() {
        return new ArrayList<>(routes);
    }
}
