package dev.instacrud.runtime.http;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.Optional;

/** Typed query parameters for routes: a value that does not parse is the client's 400, never a 500. */
@GeneratedCodeApi
public final class QueryParams {
    private QueryParams() {}

    /** A whole-number parameter, or {@code defaultValue} when absent. */
    public static int integer(ApiRequest request, String name, int defaultValue) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "Query parameter '" + name + "' must be a whole number",
                    ErrorDetail.of("Input should be a valid integer", "int_parsing", "query", name));
        }
    }
}
