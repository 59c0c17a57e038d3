package dev.instacrud.runtime.http;

import dev.instacrud.runtime.GeneratedCodeApi;

/**
 * Handles one route: gets the parsed request, returns the response or throws {@link
 * dev.instacrud.runtime.error.ApiException} for an expected refusal. Anything else thrown becomes a 500
 * "Internal server error" whose cause is logged with the request id and never shown to the client.
 */
@GeneratedCodeApi
@FunctionalInterface
public interface RouteHandler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
