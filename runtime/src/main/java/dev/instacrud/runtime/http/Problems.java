package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.json.Json;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The last step of every refusal: renders it as {@code application/problem+json} (RFC 9457). Public for handlers
 * mounted beside the router (the web admin's files), so their refusals look like every other.
 */
public final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    /**
     * Answers with the refusal as problem+json; a 401 also gets {@code WWW-Authenticate: Bearer} (RFC 6750),
     * a refusal that says when to try again (429, 503) its {@code Retry-After}, and any header the refusal carries
     * (the {@code ETag} of a 412). Headers set earlier in the chain (security headers, request id, CORS) stay.
     */
    public static void write(Response response, Callback callback, ApiException e) {
        response.setStatus(e.status());
        if (e.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        e.headers().forEach((name, value) -> response.getHeaders().put(name, HeaderValues.checked(value)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        // A refusal often comes before the body was read (401, 405, 413...). Jetty closes a connection whose body
        // it cannot drain once the response is complete; saying so up front keeps a client from sending its next
        // request on it (the JDK client did, and got "header parser received no bytes").
        if (!response.getRequest().consumeAvailable()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        byte[] body = body(e.status(), e.title(), e.detail(), e.errors(), e.members());
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static byte[] body(int status, String title, String detail, List<ErrorDetail> errors) {
        return body(status, title, detail, errors, Map.of());
    }

    private static byte[] body(
            int status, String title, String detail, List<ErrorDetail> errors, Map<String, Object> members) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ErrorDetail error : errors) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("loc", error.loc());
                item.put("msg", error.msg());
                item.put("type", error.type());
                list.add(item);
            }
            problem.put("errors", list);
        }
        problem.putAll(members);
        return Json.write(problem);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
