package dev.instacrud.runtime.app;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.data.ListQuery;
import dev.instacrud.runtime.data.Page;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.QueryParams;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list route's two halves, between HTTP and the data layer: {@link #query} reads the list's query parameters
 * into a {@link ListQuery}; {@link #answer} writes a page as the JSON body with {@code Link} headers (RFC 8288)
 * to the next and previous pages:
 *
 * <pre>{@code
 * Page<Task> page = repository.list(hooks.beforeList(Lists.query(request, DEFAULT_LIMIT)));
 * return Lists.answer(request, page.map(task -> TaskMapping.toJson(hooks.afterRead(task))));
 * }</pre>
 */
@GeneratedCodeApi
public final class Lists {
    /** The query parameters of a list; {@code q} only where the entity has searchable fields. */
    public static final List<String> PARAMETERS =
            List.of("filter", "sort", "q", "offset", "limit", "after", "before", "count");

    private static final Set<String> PAGE_PARAMETERS = Set.of("offset", "after", "before");

    private Lists() {}

    /**
     * The list the request asks for: {@code filter}, {@code sort}, {@code q}, {@code offset} (default 0) or
     * {@code after} / {@code before} (a cursor of an earlier page), {@code limit} (default {@code defaultLimit})
     * and {@code count} ({@code true} by default, {@code false} skips counting the total).
     *
     * @throws ApiException 400 for a parameter that does not parse
     */
    public static ListQuery query(ApiRequest request, int defaultLimit) {
        return new ListQuery(
                text(request, "filter"),
                text(request, "sort"),
                text(request, "q"),
                text(request, "after"),
                text(request, "before"),
                QueryParams.integer(request, "offset", 0),
                QueryParams.integer(request, "limit", defaultLimit),
                bool(request, "count"),
                List.of());
    }

    /**
     * 200 with the page as JSON, and a {@code Link} header naming the next page ({@code rel="next"}, {@code
     * after=}) and the previous one ({@code rel="prev"}, {@code before=}) where there is one: the request's own
     * path and parameters, with the cursor in place of {@code offset}, {@code after} and {@code before}.
     */
    public static ApiResponse answer(ApiRequest request, Page<?> page) {
        ApiResponse response = ApiResponse.ok(page);
        List<String> links = new ArrayList<>();
        if (page.next() != null) {
            links.add("<" + link(request, "after", page.next()) + ">; rel=\"next\"");
        }
        if (page.prev() != null) {
            links.add("<" + link(request, "before", page.prev()) + ">; rel=\"prev\"");
        }
        return links.isEmpty() ? response : response.header("Link", String.join(", ", links));
    }

    // the request's path and parameters (without offset, after and before), then the cursor
    private static String link(ApiRequest request, String parameter, String cursor) {
        StringBuilder out = new StringBuilder(request.path()).append('?');
        for (Map.Entry<String, List<String>> entry : request.queryParams().entrySet()) {
            if (PAGE_PARAMETERS.contains(entry.getKey())) {
                continue;
            }
            for (String value : entry.getValue()) {
                out.append(encode(entry.getKey()))
                        .append('=')
                        .append(encode(value))
                        .append('&');
            }
        }
        return out.append(parameter).append('=').append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String text(ApiRequest request, String name) {
        return request.queryParam(name).filter(value -> !value.isEmpty()).orElse(null);
    }

    private static boolean bool(ApiRequest request, String name) {
        String value = request.queryParam(name).orElse("true");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw ApiException.badRequest(
                        "Query parameter '" + name + "' must be true or false",
                        ErrorDetail.of("Input should be true or false", "bool_parsing", "query", name));
        };
    }
}
