package dev.instacrud.runtime.http;

import dev.instacrud.runtime.metrics.ServiceMetrics;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts and times every request once its response completes ({@code http_server_requests_total}, {@code
 * http_server_request_duration_seconds}), labelled with the route template the router matched (or a mount's
 * {@code /path/*}), never with the path the client sent, so ids in paths cannot multiply the series. Sits just
 * inside {@link RequestIdHandler}, so refusals of every later handler (CORS, traversal, shutdown) count too, as
 * {@link ServiceMetrics#UNMATCHED} when no route was reached.
 */
final class RequestMetricsHandler extends Handler.Wrapper {
    private final ServiceMetrics metrics;

    RequestMetricsHandler(ServiceMetrics metrics, Handler next) {
        super(next);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        Request.addCompletionListener(request, failure -> {
            Object route = request.getAttribute(RequestAttributes.ROUTE);
            metrics.request(
                    request.getMethod(),
                    route == null ? ServiceMetrics.UNMATCHED : route.toString(),
                    response.getStatus(),
                    System.nanoTime() - start);
        });
        return super.handle(request, response, callback);
    }

    /** Labels what a mounted handler answers with the mount's {@code /path/*}. */
    static Handler mounted(String path, Handler handler) {
        String label = path + "/*";
        return new Handler.Wrapper(handler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                request.setAttribute(RequestAttributes.ROUTE, label);
                return super.handle(request, response, callback);
            }
        };
    }
}
