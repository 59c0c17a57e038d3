package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@code application/problem+json} bodies (RFC 9457). */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    static byte[] body(ApiException e) {
        return body(e.status(), e.title(), e.detail(), e.errors());
    }

    static byte[] body(int status, String title, String detail, List<ErrorDetail> errors) {
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
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
