package dev.instacrud.runtime.http;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: a status, an optional JSON body, and extra headers. */
@GeneratedCodeApi
public final class ApiResponse {
    private final int status;
    private final Object body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, Object body) {
        this.status = status;
        this.body = body;
    }

    /** A JSON response; the body is serialised with {@link Json#mapper()} (records, maps, lists, nodes). */
    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, body);
    }

    /** 200 with a JSON body. */
    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    /** 201 with a {@code Location} header and a JSON body. */
    public static ApiResponse created(String location, Object body) {
        return json(201, body).header("Location", location);
    }

    /** 204 with no body. */
    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    /**
     * 304 Not Modified, for a conditional GET whose {@code If-None-Match} named the current representation: no body,
     * and the {@code ETag} it matched (RFC 9110 section 15.4.5).
     */
    public static ApiResponse notModified(String etag) {
        return new ApiResponse(304, null).header("ETag", etag);
    }

    /** 302 to the given absolute URL (used by OAuth). */
    public static ApiResponse redirect(String location) {
        return new ApiResponse(302, null).header("Location", location);
    }

    /**
     * Adds a header.
     *
     * @throws IllegalArgumentException when the name or value holds CR, LF or other control characters
     *     (response splitting)
     */
    public ApiResponse header(String name, String value) {
        headers.put(HeaderValues.checked(name), HeaderValues.checked(value));
        return this;
    }

    public int status() {
        return status;
    }

    /** The body, or null for none. */
    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
