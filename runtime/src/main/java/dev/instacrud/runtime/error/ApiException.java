package dev.instacrud.runtime.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that carries everything the web layer needs to answer with {@code application/problem+json}
 * (RFC 9457): the HTTP status, a short title, a detail sentence safe to show to the client, and for
 * validation problems the list of {@link ErrorDetail}s. The web layer never inspects the cause: what is in
 * here is what the client sees, so the message must never contain secrets, stack traces or class names.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient List<ErrorDetail> errors;
    private long retryAfterSeconds;
    private final transient Map<String, Object> members = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ApiException(int status, String title, String detail, List<ErrorDetail> errors) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The problem's title, e.g. {@code "Not Found"}. */
    public String title() {
        return title;
    }

    /** The sentence shown to the client as {@code detail}. */
    public String detail() {
        return getMessage();
    }

    /** The {@code Retry-After} to answer with, in seconds; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Tells the client when to try again (a 429 or 503): sent as {@code Retry-After}, at least 1 second. */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    /**
     * Adds an extension member to the problem (RFC 9457 section 3.2), such as {@code currentVersion} of a 412. The
     * name must not be one of the standard members; the value is serialised as JSON.
     */
    public ApiException member(String name, Object value) {
        if (List.of("type", "title", "status", "detail", "instance", "errors").contains(name)) {
            throw new IllegalArgumentException("a standard problem member: " + name);
        }
        members.put(name, value);
        return this;
    }

    /** The extension members, in the order added. */
    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    /** Adds a response header to the refusal, such as the {@code ETag} of the current version with a 412. */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The extra response headers, in the order added. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** Field-level problems; empty unless this is a validation error. */
    public List<ErrorDetail> errors() {
        return errors;
    }

    /** 400: the request is malformed (bad filter, bad id, refused operator). */
    public static ApiException badRequest(String detail, ErrorDetail... errors) {
        return new ApiException(400, "Bad Request", detail, List.of(errors));
    }

    /** 401: no valid credentials. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail);
    }

    /** 403: authenticated but not allowed. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    /** 404: missing, or outside the caller's scope (the two are indistinguishable on purpose). */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    /** 409: a uniqueness or referential conflict. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    /** 422: the body is well-formed JSON but breaks the entity's rules. */
    public static ApiException validation(List<ErrorDetail> errors) {
        return new ApiException(422, "Unprocessable Content", "Validation failed", errors);
    }
}
