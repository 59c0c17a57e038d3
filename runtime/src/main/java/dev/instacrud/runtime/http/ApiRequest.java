package dev.instacrud.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One parsed request as a route sees it: path and query parameters, the JSON body (already size-checked,
 * content-type-checked and parsed strictly), a few headers, the client's IP and the authenticated caller.
 * The method is the real HTTP method: {@code X-HTTP-Method-Override} and similar headers are ignored.
 */
@GeneratedCodeApi
public final class ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final JsonNode body;
    private final Function<String, String> headers;
    private final String clientIp;
    private final String requestId;
    private final CurrentUser user;

    ApiRequest(
            String method,
            String path,
            Map<String, String> pathParams,
            Map<String, List<String>> query,
            JsonNode body,
            Function<String, String> headers,
            String clientIp,
            String requestId,
            CurrentUser user) {
        this.method = method;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.query = query;
        this.body = body;
        this.headers = headers;
        this.clientIp = clientIp;
        this.requestId = requestId;
        this.user = user;
    }

    public String method() {
        return method;
    }

    /** The decoded path. */
    public String path() {
        return path;
    }

    /** A path parameter declared in the template, e.g. {@code id} in {@code /tasks/{id}}. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter " + name + " in this route");
        }
        return value;
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every query parameter with all its values. */
    public Map<String, List<String>> queryParams() {
        return query;
    }

    /** The JSON body, or a {@link MissingNode} when the request had none. */
    public JsonNode body() {
        return body;
    }

    /** The JSON body, or a 422 {@code missing} error when there is none. */
    public JsonNode requireBody() {
        if (body.isMissingNode()) {
            throw ApiException.validation(List.of(ErrorDetail.of("Field required", "missing", "body")));
        }
        return body;
    }

    /** Binds the body to a declared shape strictly (unknown fields and coercions are a 422). */
    public <T> T bodyAs(Class<T> type) {
        return Json.bind(requireBody(), type);
    }

    /**
     * Refuses a JSON object body holding any field outside {@code allowed}: a 422 listing every extra field
     * ({@code type: extra_forbidden}), for code that maps {@link #body()} by hand instead of {@link #bodyAs}.
     */
    public void requireOnlyFields(String... allowed) {
        JsonNode node = requireBody();
        if (!node.isObject()) {
            throw ApiException.validation(List.of(ErrorDetail.of("Input should be an object", "model_type", "body")));
        }
        java.util.Set<String> known = java.util.Set.of(allowed);
        List<ErrorDetail> extra = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                extra.add(ErrorDetail.of("Extra inputs are not permitted", "extra_forbidden", "body", name));
            }
        });
        if (!extra.isEmpty()) {
            throw ApiException.validation(extra);
        }
    }

    /** The request's {@code Content-Type}, if any. */
    public Optional<String> contentType() {
        return header("Content-Type");
    }

    /** A request header's first value. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    /** The client's IP, taken from {@code X-Forwarded-For} only behind a trusted proxy. */
    public String clientIp() {
        return clientIp;
    }

    public String requestId() {
        return requestId;
    }

    /** The authenticated caller; empty on a public route. */
    public Optional<CurrentUser> user() {
        return Optional.ofNullable(user);
    }

    /** The authenticated caller, or a 401. */
    public CurrentUser requireUser() {
        if (user == null) {
            throw ApiException.unauthorized("Not authenticated");
        }
        return user;
    }
}
