package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Step 5 of the {@link Router}: the query string, as strict as the body. A parameter the route did not declare
 * ({@link Route#queryParams}) is a 400 {@code extra_forbidden} naming it and the ones it accepts; a parameter
 * given twice is a 400 {@code duplicate} (which of two {@code limit}s would count is a guess, and guesses let
 * a filter in front of the service and the service disagree); a query string that does not decode is a 400.
 */
final class QueryString {
    private QueryString() {}

    static Map<String, List<String>> read(Route route, Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Malformed query string");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            String name = field.getName();
            if (!route.acceptsAnyQueryParams()) {
                if (!route.acceptedQueryParams().contains(name)) {
                    String accepted = route.acceptedQueryParams().isEmpty()
                            ? "this route takes no query parameters"
                            : "accepted: " + String.join(", ", route.acceptedQueryParams());
                    throw ApiException.badRequest(
                            "Unknown query parameter '" + clip(name) + "'; " + accepted,
                            ErrorDetail.of("Unknown query parameter", "extra_forbidden", "query", clip(name)));
                }
                if (field.getValues().size() > 1) {
                    throw ApiException.badRequest(
                            "Query parameter '" + name + "' is given more than once",
                            ErrorDetail.of("Given more than once", "duplicate", "query", name));
                }
            }
            query.put(name, List.copyOf(field.getValues()));
        }
        return Collections.unmodifiableMap(query);
    }

    // a client's parameter name is echoed in the answer: keep it short
    private static String clip(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
