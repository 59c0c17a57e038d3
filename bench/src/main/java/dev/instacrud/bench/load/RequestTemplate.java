package dev.instacrud.bench.load;

import java.util.List;
import java.util.Map;

/**
 * One operation of a workload: method, path, headers and body, where {@code {id}} in the path stands for one of the
 * seeded ids (taken in turn) and {@code {seq}} in the path or body for a number unique within the run.
 *
 * <p>Headers carry what the secured service needs, e.g. {@code Authorization: Bearer <token>}.
 *
 * @param name how the operation is named in the report
 * @param method HTTP method
 * @param path path and query, starting with {@code /}
 * @param headers request headers (in order)
 * @param body request body, or {@code null} for none
 */
public record RequestTemplate(String name, String method, String path, Map<String, String> headers, String body) {

    /** Checks the template and copies the headers. */
    public RequestTemplate {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        headers = Map.copyOf(headers);
    }

    /** The concrete request for the {@code n}-th call: {@code {id}} from {@code ids} in turn, {@code {seq}} = n. */
    Request resolve(long n, List<String> ids) {
        String p = path;
        if (p.contains("{id}")) {
            if (ids.isEmpty()) {
                throw new IllegalStateException(name + ": the path needs an {id} but nothing was seeded");
            }
            p = p.replace("{id}", ids.get((int) (n % ids.size())));
        }
        p = p.replace("{seq}", Long.toString(n));
        String b = body == null ? null : body.replace("{seq}", Long.toString(n));
        return new Request(method, p, headers, b);
    }

    /** A resolved request. */
    record Request(String method, String path, Map<String, String> headers, String body) {}
}
