package dev.instacrud.runtime.http;

import dev.instacrud.runtime.context.RequestContext;

/**
 * Step 7 of the {@link Router}: calls the route's handler with the request id and the caller bound to the
 * serving thread ({@link RequestContext}), which the data layer reads to choose the tenant, and unbinds them
 * however the handler ends, so a pooled thread never carries one caller into the next request.
 */
final class ContextBinding {
    private ContextBinding() {}

    @SuppressWarnings("try") // the scope is only closed, never read
    static ApiResponse call(Route route, ApiRequest request) throws Exception {
        try (RequestContext.Scope ignored =
                RequestContext.bind(request.requestId(), request.user().orElse(null))) {
            return route.handler().handle(request);
        }
    }
}
