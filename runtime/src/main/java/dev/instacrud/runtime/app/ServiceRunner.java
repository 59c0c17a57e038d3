package dev.instacrud.runtime.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.admin.AdminAssets;
import dev.instacrud.runtime.admin.AdminUiHandler;
import dev.instacrud.runtime.admin.UiModel;
import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.auth.UserDirectory;
import dev.instacrud.runtime.config.ConfigException;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.config.SecurityHeaders;
import dev.instacrud.runtime.config.SpecFloors;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.data.EntityRegistry;
import dev.instacrud.runtime.data.Settings;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import dev.instacrud.runtime.tenant.OrgDbHosts;
import dev.instacrud.runtime.tenant.TenantPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a generated service: reads the configuration (the environment, with the spec's floors applied),
 * opens the data layer (the embedded MongoDB when there is no {@code MONGO_URL}), adds the entity routes,
 * the OpenAPI document, the web admin (unless it is off) and, in org-db mode, the route that sets an
 * organisation's connection string, and starts the HTTP server with every protection on. Once it listens, the
 * start-up task {@code indexes} builds the indexes of every existing organisation's database (so an index a new
 * version adds exists before the instance is ready for traffic); {@code /health/ready} answers 200 after it.
 */
@GeneratedCodeApi
public final class ServiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {}

    /**
     * The {@code main} of a generated service: starts it, prints {@code Listening on URL} once it accepts
     * requests, and serves until SIGTERM or SIGINT, which stop it gracefully (see {@link
     * RunningService#close()}). Exit status: 0 after such a stop; 2 when the configuration is bad (the message
     * names the variable) or the port is taken; 1 when start-up fails otherwise, a start-up task fails, or the
     * stop hit an error.
     */
    public static void main(ServiceDefinition definition, String[] args) {
        RunningService service;
        try {
            service = start(definition, System.getenv(), failure -> {
                System.err.println(definition.name() + ": a start-up task failed; stopping (see the log)");
                Runtime.getRuntime().exit(1); // the shutdown hook closes the service
            });
        } catch (ConfigException | IllegalStateException e) {
            System.err.println(definition.name() + ": " + e.getMessage());
            System.exit(2);
            return;
        } catch (PortInUseException e) {
            System.err.println(definition.name() + ": " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            LOG.error("start-up failed", e);
            System.exit(1);
            return;
        }
        service.stopOnSignals();
        System.out.println("Listening on " + service.url());
        service.adminLine().ifPresent(System.out::println);
        try {
            service.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(service.stoppedCleanly() ? 0 : 1);
    }

    /**
     * Starts the service with these environment variables; the caller closes what it returns.
     *
     * @throws ConfigException when a variable is missing or bad (its message names it)
     */
    public static RunningService start(ServiceDefinition definition, Map<String, String> environment) throws Exception {
        return start(definition, environment, failure -> {});
    }

    /**
     * Starts the service; {@code onStartupFailure} hears of a start-up task that failed (the service then
     * never becomes ready).
     *
     * @throws ConfigException when a variable is missing or bad (its message names it)
     * @throws PortInUseException when {@code HOST:PORT} (or the metrics port) is taken
     */
    public static RunningService start(
            ServiceDefinition definition, Map<String, String> environment, Consumer<Throwable> onStartupFailure)
            throws Exception {
        RuntimeConfig config = config(definition, environment);
        String host = environment.getOrDefault("HOST", config.mode() == Mode.PROD ? "0.0.0.0" : "127.0.0.1");
        Settings settings = Settings.builder(definition.name(), config.mode())
                .mongoUrl(config.mongoUrl())
                .dataDir(config.dataDir())
                .orgDbKey(config.orgDbEncryptionKey())
                .tenantPolicy(tenantPolicy(config))
                .maxPageSize(500)
                .auditRetention(config.auditRetention())
                .cursorKey(cursorKey(config.secretKey()))
                .build();
        if (definition.orgDatabases() && config.orgDbAllowedHosts().isEmpty()) {
            LOG.warn("tenancy org-db without ORG_DB_ALLOWED_HOSTS: no organisation can register its own database");
        }
        ServiceMetrics metrics = new ServiceMetrics();
        DataLayer data = DataLayer.open(settings, EntityRegistry.of(definition.entities()), metrics.mongoCommands());
        try {
            metrics.gauge(
                    "instacrud_tenant_clients_open",
                    "Organisations' own MongoDB clients open now (org-db mode)",
                    () -> data.tenants().openClients());
            String admin = environment.get("BOOTSTRAP_ADMIN_EMAIL");
            if (!isBlank(admin)) {
                new FirstAdmin(data.systemDatabase(), Clock.systemUTC(), config.invitationTtl())
                        .invite(admin, environment.getOrDefault("BOOTSTRAP_ORGANIZATION", definition.name()))
                        .ifPresent(invitation -> System.out.println("First administrator: sign up as " + admin
                                + " with the invitation code " + invitation.code() + " (single use, expires "
                                + invitation.expiresAt() + ")"));
            }
            Routes routes = definition.routes(data);
            if (definition.orgDatabases()) {
                addOrgDatabaseRoute(routes, data);
            }
            UserDirectory organizations = new UserDirectory(data.systemDatabase(), Clock.systemUTC());
            InstaCrudServer.Builder builder = InstaCrudServer.builder(config, data.systemDatabase());
            if (config.adminUi()) {
                addAdminUi(builder, routes, definition, config);
            }
            InstaCrudServer server = builder.routes(routes)
                    .openApi(generatedOpenApi(definition))
                    .healthCheck(data::ping)
                    .metrics(metrics)
                    .startupTask("indexes", () -> organizations.forEachOrganizationId(data::prepareTenant))
                    .onStartupFailure(onStartupFailure)
                    .host(host)
                    .serviceName(definition.name())
                    .auditLog(data.auditLog())
                    .privateDocuments(data::deletePrivateDocuments)
                    .build();
            int port;
            try {
                port = server.start();
            } catch (IOException e) {
                server.stop();
                if (PortInUseException.isBindFailure(e)) {
                    throw new PortInUseException(host, config.port(), config.metricsPort(), e);
                }
                throw e;
            }
            return new RunningService(server, data, host, port, config.adminUi());
        } catch (Exception | Error e) {
            data.close();
            throw e;
        }
    }

    /** The configuration from the environment, with the spec's floors applied. */
    static RuntimeConfig config(ServiceDefinition definition, Map<String, String> environment) {
        return RuntimeConfig.from(
                environment,
                new SpecFloors(
                        definition.inviteOnly(),
                        definition.turnstile(),
                        definition.orgDatabases(),
                        Set.copyOf(definition.oauth()),
                        !definition.adminUi(),
                        definition.emailVerificationRequired()));
    }

    // The web admin (/admin/, and / redirecting there), Swagger UI (/docs/) and the admin's model (/api/v1/ui), built
    // from the entity routes already assembled. The pages keep the service's CSP; only a default policy is widened,
    // and only where a page needs it (a policy the operator set with CONTENT_SECURITY_POLICY is kept as it is).
    private static void addAdminUi(
            InstaCrudServer.Builder server, Routes routes, ServiceDefinition definition, RuntimeConfig config) {
        ObjectNode ui = UiModel.of(definition.name(), definition.entities(), routes, config);
        routes.get("/api/v1/ui", request -> ApiResponse.ok(ui)).publicRoute().nonBlocking();
        routes.get("/", request -> ApiResponse.redirect("/admin/"))
                .publicRoute()
                .nonBlocking();
        boolean defaultPolicy =
                config.securityHeaders().values().get("Content-Security-Policy").equals(SecurityHeaders.DEFAULT_CSP);
        AdminAssets assets = AdminAssets.load();
        server.mount(
                        "/admin",
                        AdminUiHandler.admin(
                                assets, defaultPolicy && config.turnstileEnabled() ? AdminAssets.turnstileCsp() : null))
                .mount("/docs", AdminUiHandler.docs(assets, defaultPolicy ? AdminAssets.DOCS_CSP : null));
    }

    // the service's generated document, which the server merges with the runtime's own routes; null without one
    private static JsonNode generatedOpenApi(ServiceDefinition definition) {
        if (definition.openApi() == null) {
            return null;
        }
        try (InputStream in = definition.openApi().openStream()) {
            return Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + definition.openApi(), e);
        }
    }

    // PUT /api/v1/admin/org-database {"url": "mongodb://..."} (ORG_ADMIN): the caller's organisation moves to
    // its own MongoDB, if ORG_DB_ALLOWED_HOSTS allows it and it answers (else 422); {"url": null} moves it back.
    // The URL is stored encrypted and never returned.
    private static void addOrgDatabaseRoute(Routes routes, DataLayer data) {
        routes.put("/api/v1/admin/org-database", request -> {
                    request.requireOnlyFields("url");
                    JsonNode url = request.requireBody().get("url");
                    if (url != null && !url.isNull() && !url.isTextual()) {
                        throw ApiException.badRequest("url must be a string or null");
                    }
                    boolean own = url != null && !url.isNull();
                    CurrentUser caller = request.requireUser();
                    data.tenants().setConnectionString(caller.orgId(), own ? url.textValue() : null);
                    data.auditLog()
                            .record(AuditEvent.of(caller.orgId(), AuditAction.ORG_DATABASE_CHANGED, caller.userId())
                                    .target("Organization", caller.orgId())
                                    .detail("database", own ? "own" : "shared") // never the URL: it holds a password
                                    .request(request.requestId(), request.clientIp()));
                    return ApiResponse.noContent();
                })
                .requireRole(Role.ORG_ADMIN);
    }

    private static TenantPolicy tenantPolicy(RuntimeConfig config) {
        OrgDbHosts hosts;
        try {
            hosts = OrgDbHosts.parse(config.orgDbAllowedHosts());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ORG_DB_ALLOWED_HOSTS", e.getMessage());
        }
        return new TenantPolicy(
                hosts,
                config.orgDbConnectTimeout(),
                config.orgDbSocketTimeout(),
                config.orgMaxConcurrentRequests(),
                config.orgDbRetryAfter());
    }

    // list cursors are signed with a key of their own derived from SECRET_KEY: the same on every instance, and
    // a cursor never doubles as anything a token could be
    static byte[] cursorKey(byte[] secretKey) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secretKey, "HmacSHA256"));
            return mac.doFinal("instacrud list cursors v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
