package dev.instacrud.runtime.http;

/**
 * Handles one route: gets the parsed request, returns the response or throws {@link
 * dev.instacrud.runtime.error.ApiException} for an expected refusal. Anything else thrown becomes a 500
 * "Internal server error" whose cause is logged with the request id and never shown to the client.
 */
@FunctionalInterface
public interface RouteHandler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
