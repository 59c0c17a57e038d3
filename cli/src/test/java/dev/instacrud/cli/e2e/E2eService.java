package dev.instacrud.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.cli.ServiceLauncher;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.runtime.app.RunningService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A sample spec generated, compiled in memory and started on a loopback port over the embedded MongoDB,
 * exactly as {@code instacrud run} does, plus the account steps tests take through its HTTP API.
 */
final class E2eService implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    /** The server secret every test service signs tokens with; it must never appear in a response. */
    static final String SECRET_KEY = "e2e-server-secret-" + "7f3a9c0d1e2b4a6f8c0d2e4f6a8b0c1d";

    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    final RunningService service;
    final Http http;
    final Path dataDir;

    /** A signed-in user: its client IP (sent as {@code X-Forwarded-For} through the trusted loopback proxy). */
    record User(String email, String id, String orgId, String role, String bearer, String ip) {
        String[] auth(String... more) {
            String[] headers = new String[4 + more.length];
            headers[0] = "Authorization";
            headers[1] = bearer;
            headers[2] = "X-Forwarded-For";
            headers[3] = ip;
            System.arraycopy(more, 0, headers, 4, more.length);
            return headers;
        }
    }

    private E2eService(RunningService service, Path dataDir) {
        this.service = service;
        this.http = new Http(service.url());
        this.dataDir = dataDir;
    }

    /** Starts a sample from {@code samples/} with the test environment, overridden by {@code extra}. */
    static E2eService start(String sample, Map<String, String> extra) throws Exception {
        return start(Path.of("..", "samples", sample), extra);
    }

    /** Starts the spec at this path with the test environment, overridden by {@code extra}. */
    static E2eService start(Path specFile, Map<String, String> extra) throws Exception {
        return start(specFile, extra, Map.of());
    }

    /**
     * Starts the spec with files of the user's own ({@code relative path -> content}) in place of or beside the
     * generated ones: the service's endpoints class, hooks and their {@code META-INF/services} entries.
     */
    static E2eService start(Path specFile, Map<String, String> extra, Map<String, String> userFiles) throws Exception {
        SpecResult spec = Instacrud.load(specFile);
        assertEquals(java.util.List.of(), spec.formatted(), specFile.toString());
        Path dataDir = Files.createTempDirectory("instacrud-e2e-");
        Map<String, String> env = new HashMap<>(Map.of(
                "DATA_DIR",
                dataDir.toString(),
                "PORT",
                "0",
                "BCRYPT_COST",
                "4",
                "MODE",
                "dev",
                "SECRET_KEY",
                SECRET_KEY,
                "TRUSTED_PROXIES",
                "127.0.0.1"));
        env.putAll(extra);
        var model = spec.model().orElseThrow();
        java.util.List<GeneratedFile> sources = new java.util.ArrayList<>();
        for (GeneratedFile file : Instacrud.sources(model)) {
            if (!userFiles.containsKey(file.relativePath())) {
                sources.add(file);
            }
        }
        userFiles.forEach((path, content) -> sources.add(GeneratedFile.userOwned(path, content)));
        return new E2eService(ServiceLauncher.start(model, sources, env), dataDir);
    }

    /** A client IP no other client of this JVM uses, so per-IP limits never mix tests. */
    static String freshIp() {
        int n = NEXT_IP.getAndIncrement();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Signs up a new organisation's admin and signs in. */
    User signupAdmin(String email, String organization) throws Exception {
        String ip = freshIp();
        JsonNode created = Http.expect(
                201,
                http.json(
                        "POST",
                        "/api/v1/auth/signup",
                        """
        {"email":"%s","password":"%s","name":"Admin","organization":"%s"}""".formatted(email, PASSWORD, organization),
                        "X-Forwarded-For",
                        ip));
        return signin(
                email,
                ip,
                created.get("userId").asText(),
                created.get("organizationId").asText(),
                "ORG_ADMIN");
    }

    /** The inviter invites a new user with this role, who signs up with the code and signs in. */
    User invite(User inviter, String email, String role) throws Exception {
        String code = Http.expect(
                        201,
                        http.json(
                                "POST",
                                "/api/v1/auth/invitations",
                                "{\"email\":\"%s\",\"role\":\"%s\"}".formatted(email, role),
                                inviter.auth()))
                .get("code")
                .asText();
        String ip = freshIp();
        JsonNode created = Http.expect(
                201,
                http.json(
                        "POST",
                        "/api/v1/auth/signup",
                        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Member\",\"invitation\":\"%s\"}"
                                .formatted(email, PASSWORD, code),
                        "X-Forwarded-For",
                        ip));
        return signin(
                email,
                ip,
                created.get("userId").asText(),
                created.get("organizationId").asText(),
                role);
    }

    User signin(String email, String ip, String id, String orgId, String role) throws Exception {
        JsonNode token = Http.expect(
                200,
                http.json(
                        "POST",
                        "/api/v1/auth/signin",
                        "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD),
                        "X-Forwarded-For",
                        ip));
        return new User(
                email, id, orgId, role, "Bearer " + token.get("access_token").asText(), ip);
    }

    /** POSTs a document and returns it as stored. */
    JsonNode create(User user, String path, String json) throws Exception {
        return Http.expect(201, http.json("POST", "/api/v1/" + path, json, user.auth()));
    }

    HttpResponse<String> get(User user, String path) throws Exception {
        return http.send("GET", "/api/v1/" + path, null, null, user.auth());
    }

    @Override
    public void close() throws Exception {
        service.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
