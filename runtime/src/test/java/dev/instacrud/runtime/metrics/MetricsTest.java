package dev.instacrud.runtime.metrics;

import static dev.instacrud.runtime.testing.PrometheusText.named;
import static dev.instacrud.runtime.testing.PrometheusText.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.app.RunningService;
import dev.instacrud.runtime.app.ServiceDefinition;
import dev.instacrud.runtime.app.ServiceRunner;
import dev.instacrud.runtime.data.EntityDescriptor;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.query.FieldKind;
import dev.instacrud.runtime.testing.PrometheusText;
import dev.instacrud.runtime.testing.PrometheusText.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real service (embedded MongoDB, real HTTP), scraped over HTTP and read as the
 * Prometheus text format: what it counts, that its labels are route templates and fixed sets only (never an id,
 * an email or a path a client sent), and how it is protected.
 */
class MetricsTest {
    static final int ROUNDS = 15;
    static final String TOKEN = "scrape-token-0123456789";
    static final EntityDescriptor ITEM = EntityDescriptor.builder("Item", "items", EntityDescriptor.Scope.ORG)
            .field("name", FieldKind.PLAIN)
            .build();
    static final Set<String> TEMPLATES = Set.of("/api/v1/items", "/api/v1/items/{id}");

    @TempDir
    Path data;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ServiceDefinition shop() {
        return ServiceDefinition.builder("shop")
                .entities(ITEM)
                .routes(layer -> {
                    Routes routes = new Routes();
                    routes.post(
                            "/api/v1/items",
                            request -> ApiResponse.json(
                                    201,
                                    Map.of(
                                            "id",
                                            layer.repository(ITEM)
                                                    .insert(new Document(
                                                            "name",
                                                            request.body()
                                                                    .get("name")
                                                                    .asText()))
                                                    .getObjectId("_id")
                                                    .toHexString())));
                    routes.get(
                            "/api/v1/items/{id}",
                            request -> ApiResponse.ok(Map.of(
                                    "name",
                                    layer.repository(ITEM)
                                            .findById(request.pathParam("id"))
                                            .getString("name"))));
                    return routes;
                })
                .build();
    }

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PORT", "0", "DATA_DIR", data.toString(), "MODE", "dev", "BCRYPT_COST", "4", "HOST", "127.0.0.1"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    HttpResponse<String> send(String method, String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sendAlone(String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    String signUp(RunningService service, String email) throws Exception {
        HttpResponse<String> signup = send(
                "POST",
                service.url() + "/api/v1/auth/signup",
                "{\"email\":\"" + email
                        + "\",\"password\":\"correct horse\",\"name\":\"Ada\",\"organization\":\"Acme\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        HttpResponse<String> signin = send(
                "POST",
                service.url() + "/api/v1/auth/signin",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
        assertEquals(200, signin.statusCode(), signin.body());
        return "Bearer "
                + Json.parse(signin.body().getBytes()).get("access_token").asText();
    }

    List<Sample> scrape(String url, String token) throws Exception {
        HttpResponse<String> metrics = send("GET", url, null, "Authorization", "Bearer " + token);
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(
                metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                metrics.headers().toString());
        assertEquals(
                "nosniff",
                metrics.headers().firstValue("X-Content-Type-Options").orElse(""));
        return PrometheusText.parse(metrics.body());
    }

    @Test
    void countsRequestsByRouteTemplateWithBoundedLabels() throws Exception {
        try (RunningService service =
                ServiceRunner.start(shop(), env("METRICS_TOKEN", TOKEN, "AUTH_RATE_LIMIT", "8/minute"))) {
            List<String> secrets = new ArrayList<>(); // what must never become a label value
            String ada = "ada-" + new ObjectId() + "@example.com";
            String bob = "bob-" + new ObjectId() + "@example.com";
            secrets.add(ada);
            secrets.add(bob);
            String auth = signUp(service, ada);
            signUp(service, bob);
            for (int i = 0; i < ROUNDS; i++) {
                HttpResponse<String> created = send(
                        "POST", service.url() + "/api/v1/items", "{\"name\":\"n" + i + "\"}", "Authorization", auth);
                assertEquals(201, created.statusCode(), created.body());
                String id = Json.parse(created.body().getBytes()).get("id").asText();
                secrets.add(id);
                assertEquals(
                        200,
                        send("GET", service.url() + "/api/v1/items/" + id, null, "Authorization", auth)
                                .statusCode());
                String missing = new ObjectId().toHexString();
                secrets.add(missing);
                assertEquals(
                        404,
                        send("GET", service.url() + "/api/v1/items/" + missing, null, "Authorization", auth)
                                .statusCode());
                String nowhere = "nowhere-" + new ObjectId();
                secrets.add(nowhere);
                assertEquals(
                        404, send("GET", service.url() + "/" + nowhere, null).statusCode());
                assertEquals(
                        405, send("BREW", service.url() + "/api/v1/items", null).statusCode());
            }
            assertEquals(401, send("GET", service.url() + "/api/v1/me", null).statusCode());
            assertEquals(
                    401,
                    send("GET", service.url() + "/api/v1/me", null, "Authorization", "Bearer not.a.token")
                            .statusCode());
            int refused = 0;
            for (int i = 0; i < 10; i++) {
                // a connection of its own for each attempt: a 429 answers before the body is read, and the server
                // then closes the connection, which a pooled client would try to reuse
                int status = sendAlone(
                                "POST",
                                service.url() + "/api/v1/auth/signin",
                                "{\"email\":\"" + ada + "\",\"password\":\"wrong horse\"}")
                        .statusCode();
                refused += status == 429 ? 1 : 0;
            }
            assertTrue(refused > 0, "the sign-in limit was reached");

            List<Sample> samples = scrape(service.url() + "/metrics", TOKEN);

            assertEquals(
                    ROUNDS,
                    sum(
                            samples,
                            "http_server_requests_total",
                            "method",
                            "GET",
                            "route",
                            "/api/v1/items/{id}",
                            "status",
                            "200"));
            assertEquals(
                    ROUNDS,
                    sum(
                            samples,
                            "http_server_requests_total",
                            "method",
                            "GET",
                            "route",
                            "/api/v1/items/{id}",
                            "status",
                            "404"));
            assertEquals(
                    ROUNDS,
                    sum(
                            samples,
                            "http_server_requests_total",
                            "method",
                            "POST",
                            "route",
                            "/api/v1/items",
                            "status",
                            "201"));
            assertEquals(ROUNDS, sum(samples, "http_server_requests_total", "route", "unmatched", "status", "404"));
            assertEquals(ROUNDS, sum(samples, "http_server_requests_total", "method", "other", "status", "405"));
            assertEquals(
                    2 * ROUNDS,
                    sum(
                            samples,
                            "http_server_request_duration_seconds_count",
                            "method",
                            "GET",
                            "route",
                            "/api/v1/items/{id}"),
                    "200s and 404s");
            assertTrue(sum(samples, "http_server_request_duration_seconds_sum") > 0);
            assertEquals(
                    refused,
                    sum(samples, "instacrud_rate_limit_refusals_total", "limit", "ip", "route", "/api/v1/auth/signin"));
            assertEquals(1, sum(samples, "instacrud_authentication_failures_total", "reason", "missing_credentials"));
            assertEquals(1, sum(samples, "instacrud_authentication_failures_total", "reason", "invalid_token"));
            assertEquals(
                    10 - refused, sum(samples, "instacrud_authentication_failures_total", "reason", "bad_credentials"));
            assertEquals(0, sum(samples, "instacrud_authentication_failures_total", "reason", "expired_token"));
            // the access log keeps up with this traffic: its line-drop counter is there, at 0
            assertTrue(samples.stream().anyMatch(sample -> sample.name().equals("instacrud_access_log_dropped_total")));
            assertEquals(0, sum(samples, "instacrud_access_log_dropped_total"));
            assertTrue(sum(
                            samples,
                            "instacrud_mongodb_command_duration_seconds_count",
                            "command",
                            "insert",
                            "outcome",
                            "success")
                    >= ROUNDS);
            assertTrue(sum(samples, "instacrud_mongodb_command_duration_seconds_count", "command", "find") >= ROUNDS);
            assertEquals(0, sum(samples, "instacrud_tenant_clients_open"));
            assertFalse(named(samples, "instacrud_tenant_clients_open").isEmpty());
            assertTrue(sum(samples, "jvm_memory_used_bytes", "area", "heap") > 0);
            assertTrue(sum(samples, "jvm_threads_current") > 0);

            // bounded cardinality: labels come from templates and fixed sets, never from what a client sent
            Set<String> routes = new TreeSet<>();
            for (Sample sample : samples) {
                for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                    for (String secret : secrets) {
                        assertFalse(label.getValue().contains(secret), sample + " carries " + secret);
                    }
                    assertFalse(label.getValue().matches(".*[0-9a-f]{24}.*"), sample + " carries an id");
                    assertFalse(label.getValue().contains("@"), sample + " carries an email");
                }
                if (sample.labels().containsKey("route")) {
                    routes.add(sample.labels().get("route"));
                }
            }
            Set<String> allowed = new TreeSet<>(TEMPLATES);
            allowed.addAll(Set.of("unmatched", "/api/v1/auth/signup", "/api/v1/auth/signin", "/api/v1/me", "/metrics"));
            assertTrue(allowed.containsAll(routes), "route labels " + routes);
            long series = named(samples, "http_server_requests_total").size();
            assertTrue(series <= 12, series + " request series after " + 5 * ROUNDS + " requests to distinct paths");
        }
    }

    @Test
    void metricsAreOffByDefaultAndNeedTheirToken() throws Exception {
        try (RunningService off = ServiceRunner.start(shop(), env())) {
            assertEquals(404, send("GET", off.url() + "/metrics", null).statusCode());
            assertEquals(-1, off.metricsPort());
        }
        try (RunningService on = ServiceRunner.start(shop(), env("METRICS_TOKEN", TOKEN))) {
            HttpResponse<String> none = send("GET", on.url() + "/metrics", null);
            assertEquals(401, none.statusCode());
            assertEquals(
                    "application/problem+json",
                    none.headers().firstValue("Content-Type").orElse(""));
            assertEquals(
                    401,
                    send("GET", on.url() + "/metrics", null, "Authorization", "Bearer " + TOKEN + "x")
                            .statusCode());
            assertEquals(
                    401,
                    send("GET", on.url() + "/metrics", null, "Authorization", TOKEN)
                            .statusCode());
            assertEquals(
                    405,
                    send("POST", on.url() + "/metrics", "{}", "Authorization", "Bearer " + TOKEN)
                            .statusCode());
            assertFalse(scrape(on.url() + "/metrics", TOKEN).isEmpty());
        }
    }

    @Test
    void aMetricsPortServesOnlyMetrics() throws Exception {
        try (RunningService service = ServiceRunner.start(shop(), env("METRICS_PORT", "0"))) {
            int port = service.metricsPort();
            assertTrue(port > 0);
            String metrics = "http://127.0.0.1:" + port;
            HttpResponse<String> scraped = send("GET", metrics + "/metrics", null);
            assertEquals(200, scraped.statusCode());
            assertTrue(PrometheusText.parse(scraped.body()).size() > 10);
            assertEquals(404, send("GET", service.url() + "/metrics", null).statusCode(), "not on the API port");
            assertEquals(404, send("GET", metrics + "/health", null).statusCode(), "nothing else on the metrics port");
            assertEquals(404, send("GET", metrics + "/api/v1/me", null).statusCode());
        }
    }
}
