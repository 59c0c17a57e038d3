package dev.instacrud.runtime.http;

import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import dev.instacrud.runtime.ratelimit.ClientIpResolver;
import dev.instacrud.runtime.ratelimit.RateLimiter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The web layer as one Jetty server: a connector that never sends a {@code Server} header, Jetty's own
 * errors rendered as problem+json ({@link ProblemErrorHandler}), and this handler chain, outermost first:
 * {@link SecurityHeadersHandler} → {@link RequestIdHandler} (request id, access log) → {@link
 * RequestMetricsHandler} → Jetty's {@code GracefulHandler} (in-flight requests, 503 once stopping) → {@link
 * CorsHandler} → {@link PathTraversalHandler} → {@link Router} (matching, authentication, roles, rate limits,
 * body limit and strict JSON, context binding; every refusal rendered by {@link Problems}). Handlers
 * {@linkplain Builder#mount mounted} under a path (static pages) take the router's place for that path,
 * through Jetty's {@code PathMappingsHandler}.
 *
 * <p>{@code /metrics} ({@link MetricsHandler}) is served only when the configuration protects it: behind
 * {@code METRICS_TOKEN} on this port, or on a listener of its own ({@code METRICS_PORT}, a second small Jetty
 * server that serves nothing else). {@link #stop()} is graceful: the connector stops accepting, requests in
 * flight get up to {@code SHUTDOWN_TIMEOUT_SECONDS} to finish (requests arriving meanwhile on open
 * connections get a 503), then the server stops.
 *
 * <p>It knows the steps, not what fills them: the composition root ({@code app.InstaCrudServer}) hands it the
 * routes and the {@link Authenticator} and {@link RateLimiter}s they run with; the web settings (port,
 * security headers, CORS origins, body limit, trusted proxies) come from the {@link RuntimeConfig}.
 */
public final class ApiServer {
    private final Server server;
    private final ServerConnector connector;
    private final Server metricsServer;
    private final ServerConnector metricsConnector;
    private final AccessLog accessLog = new AccessLog();

    private ApiServer(Builder builder) {
        RuntimeConfig config = builder.config;
        ServiceMetrics metrics = builder.metrics;
        metrics.counter(
                "instacrud_access_log_dropped",
                "Access-log lines dropped because the log's queue was full (the log's sink slower than the traffic)",
                accessLog::dropped);
        Router router = new Router(
                new RouteTable(builder.routes.all()),
                new Authentication(Objects.requireNonNull(builder.authenticator, "authenticator")),
                new RateLimit(
                        Objects.requireNonNull(builder.ipLimiter, "per-IP rate limiter"),
                        Objects.requireNonNull(builder.userLimiter, "per-user rate limiter"),
                        metrics),
                new JsonBody(config.maxBodyBytes()),
                new ClientIpResolver(config));

        QueuedThreadPool threads = new QueuedThreadPool(builder.maxThreads, Math.min(8, builder.maxThreads));
        threads.setName("instacrud-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(builder.host);
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler(config.securityHeaders()));
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false); // the service's own shutdown stops it, then closes the database
        Map<String, Handler> mounts = new LinkedHashMap<>(builder.mounts);
        boolean metricsHere = config.metricsToken() != null && config.metricsPort() < 0;
        if (metricsHere) {
            if (mounts.containsKey(MetricsHandler.PATH)) {
                throw new IllegalArgumentException("mounted twice: " + MetricsHandler.PATH);
            }
            mounts.put(MetricsHandler.PATH, new MetricsHandler(metrics, config.metricsToken()));
        }
        Handler inner = router;
        if (!mounts.isEmpty()) {
            PathMappingsHandler paths = new PathMappingsHandler.NoContext();
            mounts.forEach((path, handler) ->
                    paths.addMapping(new ServletPathSpec(path + "/*"), RequestMetricsHandler.mounted(path, handler)));
            paths.addMapping(new ServletPathSpec("/"), router);
            inner = paths;
        }
        server.setHandler(new SecurityHeadersHandler(
                config.securityHeaders(),
                new RequestIdHandler(
                        config,
                        accessLog,
                        new RequestMetricsHandler(
                                metrics,
                                new GracefulHandler(new CorsHandler(
                                        config.corsAllowOrigins(), new PathTraversalHandler(inner)))))));

        if (config.metricsPort() >= 0) {
            QueuedThreadPool metricsThreads = new QueuedThreadPool(4, 2);
            metricsThreads.setName("instacrud-metrics");
            metricsServer = new Server(metricsThreads);
            metricsConnector = new ServerConnector(metricsServer, 1, 1, new HttpConnectionFactory(http));
            metricsConnector.setHost(config.metricsHost() != null ? config.metricsHost() : builder.host);
            metricsConnector.setPort(config.metricsPort());
            metricsServer.addConnector(metricsConnector);
            metricsServer.setErrorHandler(new ProblemErrorHandler(config.securityHeaders()));
            metricsServer.setStopAtShutdown(false);
            metricsServer.setHandler(new SecurityHeadersHandler(
                    config.securityHeaders(), new MetricsHandler(metrics, config.metricsToken())));
        } else {
            metricsServer = null;
            metricsConnector = null;
        }
    }

    /** Starts a builder with the web settings of this configuration. */
    public static Builder builder(RuntimeConfig config) {
        return new Builder(config);
    }

    /**
     * Starts listening.
     *
     * @return the bound port (an ephemeral one when {@code PORT=0})
     */
    public int start() throws Exception {
        accessLog.start();
        server.start();
        if (metricsServer != null) {
            try {
                metricsServer.start();
            } catch (Exception e) {
                server.stop();
                throw e;
            }
        }
        return connector.getLocalPort();
    }

    /** The bound port of the metrics listener, or -1 without {@code METRICS_PORT}. */
    public int metricsPort() {
        return metricsConnector == null ? -1 : metricsConnector.getLocalPort();
    }

    /** The interface it listens on. */
    public String host() {
        return connector.getHost();
    }

    /**
     * Stops gracefully: no new connections, requests in flight finish within {@code SHUTDOWN_TIMEOUT_SECONDS}
     * (those still running then are cut off), then the port and threads are released.
     */
    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            try {
                if (metricsServer != null) {
                    metricsServer.stop();
                }
            } finally {
                accessLog.close(); // the lines of the requests just finished
            }
        }
    }

    /** Assembles the server; the authenticator and both rate limiters are required (no open default). */
    public static final class Builder {
        private final RuntimeConfig config;
        private final Routes routes = new Routes();
        private Authenticator authenticator;
        private ServiceMetrics metrics = new ServiceMetrics();
        private RateLimiter ipLimiter;
        private RateLimiter userLimiter;
        private final Map<String, Handler> mounts = new LinkedHashMap<>();
        private String host = "0.0.0.0";
        private int maxThreads = 200;

        private Builder(RuntimeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Adds routes; two routes with the same method and template are refused. */
        public Builder routes(Routes more) {
            routes.addAll(more);
            return this;
        }

        /** Turns the {@code Authorization} header of a non-public route into the caller. */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        /** Where requests, rate-limit refusals and the rest are counted; a registry of its own by default. */
        public Builder metrics(ServiceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /**
         * The limiters: {@code perIp} for routes marked {@link Route#limitPerIp()}, {@code perUser} for every
         * other authenticated route.
         */
        public Builder rateLimiters(RateLimiter perIp, RateLimiter perUser) {
            this.ipLimiter = Objects.requireNonNull(perIp);
            this.userLimiter = Objects.requireNonNull(perUser);
            return this;
        }

        /**
         * Serves everything under {@code path} ({@code /admin}: {@code /admin} and {@code /admin/...}) with
         * {@code handler} instead of the routes, behind every step that needs no route: security headers,
         * request id and access log, CORS, the traversal refusal. The handler sees the whole path and does its
         * own authentication; it must not block unless it says so ({@code getInvocationType}).
         *
         * @throws IllegalArgumentException for a path that is not {@code /segment[/segment...]}, or mounted twice
         */
        public Builder mount(String path, Handler handler) {
            if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+") || path.contains("/.")) {
                throw new IllegalArgumentException("mount path must be /segment[/segment...]: " + path);
            }
            if (mounts.putIfAbsent(path, Objects.requireNonNull(handler)) != null) {
                throw new IllegalArgumentException("mounted twice: " + path);
            }
            return this;
        }

        /** The interface to bind, {@code 0.0.0.0} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The largest number of request threads (blocking MongoDB calls hold one each). */
        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        public ApiServer build() {
            return new ApiServer(this);
        }
    }
}
