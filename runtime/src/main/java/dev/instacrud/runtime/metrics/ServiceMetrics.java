package dev.instacrud.runtime.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The metrics of one service, in a registry of its own (two services in one JVM, as in tests, never mix
 * their counts), rendered in the Prometheus text format (version 0.0.4) by {@link #writeTo}:
 *
 * <ul>
 *   <li>{@code http_server_requests_total{method, route, status}} and {@code
 *       http_server_request_duration_seconds{method, route}}: every request, by route <em>template</em>
 *       ({@code /api/v1/tasks/{id}}), never the path a client sent;
 *   <li>{@code instacrud_rate_limit_refusals_total{limit, route}}: 429s, per-IP or per-user;
 *   <li>{@code instacrud_authentication_failures_total{reason}}: refused tokens and sign-ins ({@link AuthFailure});
 *   <li>{@code instacrud_mongodb_command_duration_seconds{command, outcome}} ({@link MongoCommandMetrics});
 *   <li>gauges a service adds ({@link #gauge}), such as the open tenant clients;
 *   <li>the JVM's memory, threads, garbage collection, class loading and process metrics ({@code jvm_*},
 *       {@code process_*}), from the Prometheus client's own instrumentation.
 * </ul>
 *
 * <p>The Prometheus Java client is used directly rather than through Micrometer: the service exposes only
 * this format, and Micrometer's Prometheus registry is itself built on this client, with about 3 MB more of
 * jars and a naming layer between the code and the names an operator queries.
 *
 * <p>Every label value comes from a fixed set: methods outside the standard ones count as {@code other},
 * routes are templates or the constant {@link #UNMATCHED}. Thread-safe.
 */
public final class ServiceMetrics {
    /** The {@code Content-Type} of {@link #writeTo}'s output. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** The route label of a request no route matched (404s, refused paths, CORS preflights). */
    public static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram requestDurations;
    private final Counter rateLimitRefusals;
    private final Counter authenticationFailures;
    private final MongoCommandMetrics mongoCommands;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** A registry with every metric above at zero, and the JVM's. */
    public ServiceMetrics() {
        requests = Counter.builder()
                .name("http_server_requests")
                .help("HTTP requests answered, by method, route template and status")
                .labelNames("method", "route", "status")
                .register(registry);
        requestDurations = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .help("Time from receiving a request to completing its response, by method and route template")
                .labelNames("method", "route")
                .classicOnly()
                .register(registry);
        rateLimitRefusals = Counter.builder()
                .name("instacrud_rate_limit_refusals")
                .help("Requests refused with 429 by a rate limit (limit: ip or user)")
                .labelNames("limit", "route")
                .register(registry);
        authenticationFailures = Counter.builder()
                .name("instacrud_authentication_failures")
                .help("Refused authentications by reason (the client sees the same 401 for all)")
                .labelNames("reason")
                .register(registry);
        for (AuthFailure reason : AuthFailure.values()) {
            authenticationFailures.labelValues(reason.label()); // every reason shows, at 0 until it happens
        }
        mongoCommands = new MongoCommandMetrics(Histogram.builder()
                .name("instacrud_mongodb_command_duration_seconds")
                .help("MongoDB commands sent by the service, by command name and outcome (success or failure)")
                .labelNames("command", "outcome")
                .classicOnly()
                .register(registry));
        JvmMetrics.builder().register(registry);
    }

    /**
     * Counts one answered request.
     *
     * @param method the HTTP method as received
     * @param route the matched route's template, a mount's {@code /path/*}, or {@link #UNMATCHED}
     * @param status the status sent
     * @param nanos how long it took
     */
    public void request(String method, String route, int status, long nanos) {
        String m = METHODS.contains(method) ? method : "other";
        requests.labelValues(m, route, Integer.toString(status)).inc();
        requestDurations.labelValues(m, route).observe(nanos / 1e9);
    }

    /**
     * Counts a 429.
     *
     * @param perIp true for a per-IP limit, false for a per-user one
     * @param route the route's template
     */
    public void rateLimited(boolean perIp, String route) {
        rateLimitRefusals.labelValues(perIp ? "ip" : "user", route).inc();
    }

    /** Counts a refused authentication. */
    public void authenticationFailed(AuthFailure reason) {
        authenticationFailures.labelValues(reason.label()).inc();
    }

    /** The listener to register on every MongoDB client of the service. */
    public MongoCommandMetrics mongoCommands() {
        return mongoCommands;
    }

    /**
     * Adds a gauge read at each scrape, such as {@code instacrud_tenant_clients_open}.
     *
     * @throws IllegalArgumentException when a metric of that name exists
     */
    public void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    /**
     * Adds a counter read at each scrape (exposed with {@code _total}), such as {@code
     * instacrud_access_log_dropped}.
     *
     * @throws IllegalArgumentException when a metric of that name exists
     */
    public void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    /** Writes every metric in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
