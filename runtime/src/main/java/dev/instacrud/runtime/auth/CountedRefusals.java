package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.RouteHandler;
import dev.instacrud.runtime.metrics.AuthFailure;
import dev.instacrud.runtime.metrics.ServiceMetrics;

/** Counts the 401s of a route in {@code instacrud_authentication_failures_total}; what the client gets is unchanged. */
public final class CountedRefusals {
    private CountedRefusals() {}

    /** The handler, with each 401 it answers counted as a failed authentication of this reason. */
    public static RouteHandler of(RouteHandler handler, AuthFailure reason, ServiceMetrics metrics) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (ApiException e) {
                if (e.status() == 401) {
                    metrics.authenticationFailed(reason);
                }
                throw e;
            }
        };
    }
}
