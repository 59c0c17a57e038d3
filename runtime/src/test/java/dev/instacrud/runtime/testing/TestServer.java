package dev.instacrud.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.instacrud.runtime.app.InstaCrudServer;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.data.EntityRegistry;
import dev.instacrud.runtime.data.Settings;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on a loopback port over a real embedded MongoDB (mongo-java-server, memory backend),
 * plus an HTTP client. Each instance uses its own database; one started {@link #startWithData with a data layer}
 * keeps its organisations' audit logs and private documents in their own databases, as a generated service does.
 */
public final class TestServer implements AutoCloseable {
    public static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MongoServer mongo;
    private static MongoClient client;

    private static final AtomicInteger SERVICES = new AtomicInteger();

    public final MongoDatabase db;
    public final InstaCrudServer server;
    /** The data layer, or null when the server was started without one. */
    public final DataLayer data;

    public final int port;
    public final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer(InstaCrudServer server, MongoDatabase db) throws Exception {
        this(server, db, null);
    }

    private TestServer(InstaCrudServer server, MongoDatabase db, DataLayer data) throws Exception {
        this.server = server;
        this.db = db;
        this.data = data;
        this.port = server.start();
    }

    /** The URL of the embedded MongoDB every test server uses. */
    public static synchronized String mongoUrl() {
        freshDatabase();
        return "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
    }

    /**
     * A server over a data layer of these entities, as {@code ServiceRunner} assembles a generated service: the
     * system database is the data layer's, security events go to each organisation's audit log (and {@code GET
     * /api/v1/audit} is served), and a removed account's private documents are deleted.
     *
     * @param routes the entity routes, built over the data layer
     */
    public static TestServer startWithData(
            Map<String, String> env,
            Clock clock,
            EntityRegistry entities,
            java.util.function.Function<DataLayer, Routes> routes)
            throws Exception {
        return startWithData(env, clock, entities, routes, builder -> builder);
    }

    /** The same, with more of the server's settings (an OpenAPI document, ...). */
    public static TestServer startWithData(
            Map<String, String> env,
            Clock clock,
            EntityRegistry entities,
            java.util.function.Function<DataLayer, Routes> routes,
            java.util.function.UnaryOperator<InstaCrudServer.Builder> more)
            throws Exception {
        RuntimeConfig config = RuntimeConfig.from(env);
        DataLayer data = DataLayer.open(
                Settings.builder("svc" + SERVICES.incrementAndGet(), Mode.TEST)
                        .mongoUrl(mongoUrl())
                        .clock(clock)
                        .auditRetention(config.auditRetention())
                        .build(),
                entities);
        try {
            InstaCrudServer server = more.apply(InstaCrudServer.builder(config, data.systemDatabase())
                            .routes(routes.apply(data))
                            .host("127.0.0.1")
                            .clock(clock)
                            .maxThreads(64)
                            .auditLog(data.auditLog())
                            .privateDocuments(data::deletePrivateDocuments))
                    .build();
            return new TestServer(server, data.systemDatabase(), data);
        } catch (Exception | Error e) {
            data.close();
            throw e;
        }
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (mongo == null) {
            mongo = new MongoServer(new MemoryBackend());
            mongo.bind("127.0.0.1", 0);
            InetSocketAddress address = mongo.getLocalAddress();
            client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        }
        return client.getDatabase("system_" + DATABASES.incrementAndGet());
    }

    /** The base test environment, with the given overrides. */
    public static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("MODE", "dev");
        env.put("SECRET_KEY", SECRET);
        env.put("PORT", "0");
        env.put("BCRYPT_COST", "4");
        env.put("USER_CACHE_SECONDS", "0");
        env.put("AUTH_RATE_LIMIT", "100000/minute");
        try {
            env.put("DATA_DIR", Files.createTempDirectory("instacrud-test").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    public static TestServer start(Map<String, String> env, Routes routes) throws Exception {
        return start(env, routes, freshDatabase(), Clock.systemUTC());
    }

    public static TestServer start(Map<String, String> env, Routes routes, MongoDatabase db, Clock clock)
            throws Exception {
        RuntimeConfig config = RuntimeConfig.from(env);
        InstaCrudServer server = InstaCrudServer.builder(config, db)
                .routes(routes)
                .host("127.0.0.1")
                .clock(clock)
                .maxThreads(64)
                .build();
        return new TestServer(server, db);
    }

    public static TestServer start(String... env) throws Exception {
        return start(env(env), new Routes());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> send(String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        boolean hasType = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            hasType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (json != null && !hasType) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    public HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        return send("POST", path, json, headers);
    }

    /** Writes raw request bytes on a socket and returns the raw answer (for requests HttpClient won't send). */
    public String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Signs up a fresh organisation admin and returns its bearer header value. */
    public String signupAdmin(String email) throws Exception {
        HttpResponse<String> signup = post(
                "/api/v1/auth/signup",
                "{\"email\":\"" + email
                        + "\",\"password\":\"correct horse\",\"name\":\"Ada\",\"organization\":\"Acme\"}");
        if (signup.statusCode() != 201) {
            throw new AssertionError("signup: " + signup.statusCode() + " " + signup.body());
        }
        return signin(email, "correct horse");
    }

    public String signin(String email, String password) throws Exception {
        return "Bearer " + signinTokens(email, password).get("access_token").asText();
    }

    /** Signs in and returns the whole answer: {@code access_token}, {@code refresh_token} and their lifetimes. */
    public JsonNode signinTokens(String email, String password) throws Exception {
        HttpResponse<String> signin =
                post("/api/v1/auth/signin", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (signin.statusCode() != 200) {
            throw new AssertionError("signin: " + signin.statusCode() + " " + signin.body());
        }
        return json(signin);
    }

    /** Signs up a new organisation's admin with this password, without signing in; returns the user's id. */
    public String signup(String email, String password) throws Exception {
        HttpResponse<String> signup = post(
                "/api/v1/auth/signup",
                "{\"email\":\"" + email + "\",\"password\":\"" + password
                        + "\",\"name\":\"Ada\",\"organization\":\"Acme\"}");
        if (signup.statusCode() != 201) {
            throw new AssertionError("signup: " + signup.statusCode() + " " + signup.body());
        }
        return json(signup).get("userId").asText();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }

    public static Path tempDir() throws IOException {
        return Files.createTempDirectory("instacrud-test");
    }
}
