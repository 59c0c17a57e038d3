package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static dev.instacrud.cli.e2e.Http.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.embedded.EmbeddedMongo;
import dev.instacrud.runtime.testing.FakeOidcProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11 part 3: three instances of a generated service, each a process of its own, on one MongoDB-wire server (the
 * embedded server in this JVM, reached over TCP), driven at once. A new version's migration runs once (one instance
 * applies it, the others wait); the auth rate limit holds in total across instances; an OAuth session code and an
 * invitation are redeemed once; unique and ref rules hold; concurrent PATCHes through different instances lose
 * nothing. The {@code relay} spec of {@code src/test/resources/e2e}, and at start-up its next version, which adds a
 * required field that a migration of the developer's fills.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceE2eTest {
    static final int INSTANCES = 3;
    static final int AUTH_LIMIT = 5;
    static final Pattern MIGRATING = Pattern.compile("relay_org_\\w+: migrating \\[Task\\]");

    static Path dir;
    static EmbeddedMongo store;
    static MongoClient client;
    static FakeOidcProvider provider;
    static final List<ServiceProcess> processes = new ArrayList<>();
    static final List<E2eService> instances = new ArrayList<>();
    static E2eService.User admin;
    static int tasksBefore;

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(provider.env("google"));
        env.put("PORT", "0");
        env.put("MODE", "dev"); // rate limits on (test mode turns them off)
        env.put("MONGO_URL", store.connectionString());
        env.put("RATE_LIMIT_STORE", "mongo");
        env.put("AUTH_RATE_LIMIT", AUTH_LIMIT + "/day"); // one window for the whole test
        env.put("BCRYPT_COST", "4");
        env.put("SECRET_KEY", E2eService.SECRET_KEY);
        env.put("TRUSTED_PROXIES", "127.0.0.1");
        env.put("MIGRATION_BATCH_SIZE", "5");
        return env;
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("instacrud-instances-");
        store = EmbeddedMongo.startInMemory(Clock.systemUTC());
        client = MongoClients.create(store.connectionString());
        provider = new FakeOidcProvider();
        Path spec = Path.of("src", "test", "resources", "e2e", "relay.yaml");

        // the first version, with data
        CompiledService v1 = CompiledService.compile(spec, Map.of(), dir.resolve("v1"));
        Map<String, String> env = environment();
        env.put("DATA_DIR", dir.resolve("data-v1").toString());
        try (CompiledService.Started first = v1.startHere(env)) {
            assertTrue(first.service().awaitReady(Duration.ofSeconds(60)), "ready");
            E2eService svc = E2eService.at(first.service().url());
            admin = svc.signupAdmin("admin@relay.example.com", "Relay");
            for (int i = 0; i < 23; i++) {
                svc.create(admin, "tasks", "{\"title\":\"written under v1 #" + i + "\"}");
            }
            tasksBefore = 23;
        }

        // the next version adds a required field without a default, which a migration of the developer's fills
        Path v2Spec = dir.resolve("relay-v2.yaml");
        Files.writeString(
                v2Spec,
                Files.readString(spec, StandardCharsets.UTF_8)
                        .replace(
                                "      count:   { type: int, minimum: 0, default: 0 }\n",
                                "      count:   { type: int, minimum: 0, default: 0 }\n"
                                        + "      reference: { type: string, required: true }\n"),
                StandardCharsets.UTF_8);
        CompiledService v2 = CompiledService.compile(
                v2Spec,
                Map.of(
                        "org/example/relay/migrations/V2__AddReference.java",
                        """
                        package org.example.relay.migrations;

                        import dev.instacrud.runtime.data.Migration;
                        import java.util.Set;
                        import org.bson.Document;

                        public final class V2__AddReference implements Migration {
                            @Override
                            public String entity() {
                                return "Task";
                            }

                            @Override
                            public Set<String> fields() {
                                return Set.of("reference");
                            }

                            @Override
                            public Document migrate(Document task) {
                                if (task.get("reference") == null) {
                                    task.put("reference", "T-" + task.getObjectId("_id").toHexString());
                                }
                                return task;
                            }
                        }
                        """,
                        "META-INF/services/dev.instacrud.runtime.data.Migration",
                        "org.example.relay.migrations.V2__AddReference\n"),
                dir.resolve("v2"));
        // the instances log what the migrations do (the tests' own logging keeps the runtime at WARN)
        Path logging = dir.resolve("logback.xml");
        Files.writeString(logging, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n</pattern></encoder>
                  </appender>
                  <logger name="dev.instacrud.runtime.data" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        for (int i = 0; i < INSTANCES; i++) {
            Map<String, String> instanceEnv = environment();
            instanceEnv.put("DATA_DIR", dir.resolve("data-" + i).toString());
            processes.add(v2.startProcess(
                    instanceEnv, dir.resolve("instance-" + i + ".log"), "-Dlogback.configurationFile=" + logging));
        }
        for (ServiceProcess process : processes) {
            instances.add(E2eService.at(process.awaitListening(Duration.ofSeconds(90))));
        }
        // each instance is ready once its start-up tasks are done: the migration (run by one of them) among them
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (E2eService instance : instances) {
            while (instance.http.send("GET", "/health/ready", null, null).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "an instance never became ready");
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess process : processes) {
            process.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
        CompiledService.deleteTree(dir);
    }

    static E2eService instance(int i) {
        return instances.get(Math.floorMod(i, INSTANCES));
    }

    static MongoDatabase orgDb() {
        return client.getDatabase("relay_org_" + admin.orgId());
    }

    /** Runs {@code n} calls at once (released together), the i-th with {@code i}; their results in order. */
    static <T> List<T> atOnce(int n, IndexedCall<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    go.await();
                    return call.call(k);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface IndexedCall<T> {
        T call(int i) throws Exception;
    }

    static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    @Test
    @Order(1)
    void theMigrationRanOnceForAllInstances() throws Exception {
        int migrating = 0;
        for (ServiceProcess process : processes) {
            if (MIGRATING.matcher(process.output()).find()) {
                migrating++;
            }
        }
        StringBuilder logs = new StringBuilder();
        for (ServiceProcess process : processes) {
            logs.append(process.output()).append("----\n");
        }
        assertEquals(1, migrating, "exactly one instance ran the migration:\n" + logs);
        List<Document> records = orgDb().getCollection("_migrations")
                .find(new Document("_id", "V2__AddReference"))
                .into(new ArrayList<>());
        assertEquals(1, records.size());
        assertEquals((long) tasksBefore, records.get(0).get("changed", Long.class));
        // each document written once by the migration: its version went from 1 to 2, its reference is its own
        List<Document> tasks = orgDb().getCollection("tasks").find().into(new ArrayList<>());
        assertEquals(tasksBefore, tasks.size());
        for (Document task : tasks) {
            assertEquals(2L, task.get("version", Long.class), task.toJson());
            assertEquals("T-" + task.getObjectId("_id").toHexString(), task.getString("reference"));
        }
        // and every instance serves them as valid
        for (E2eService svc : instances) {
            JsonNode page = expect(200, svc.get(admin, "tasks?limit=100"));
            assertEquals(tasksBefore, page.get("items").size());
            page.get("items").forEach(t -> assertTrue(t.get("reference").isTextual(), t.toString()));
        }
    }

    @Test
    @Order(2)
    void theAuthRateLimitHoldsAcrossInstances() throws Exception {
        String ip = E2eService.freshIp();
        int attempts = 4 * AUTH_LIMIT;
        List<Integer> statuses = atOnce(
                attempts,
                i -> instance(i)
                        .http
                        .json(
                                "POST",
                                "/api/v1/auth/signin",
                                "{\"email\":\"nobody@relay.example.com\",\"password\":\"wrong password " + i + "\"}",
                                "X-Forwarded-For",
                                ip)
                        .statusCode());
        assertEquals(AUTH_LIMIT, count(statuses, 401), "exactly the limit got through, in total: " + statuses);
        assertEquals(attempts - AUTH_LIMIT, count(statuses, 429), statuses.toString());
        for (int i = 0; i < INSTANCES; i++) {
            assertEquals(
                    429,
                    instance(i)
                            .http
                            .json(
                                    "POST",
                                    "/api/v1/auth/signin",
                                    "{\"email\":\"nobody@relay.example.com\",\"password\":\"another\"}",
                                    "X-Forwarded-For",
                                    ip)
                            .statusCode(),
                    "every instance refuses the address now");
        }
    }

    @Test
    @Order(3)
    void aSessionCodeIsRedeemedOnceAcrossInstances() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // the sign-in starts on one instance and comes back to another
        HttpResponse<String> login = instance(0)
                .http
                .send("GET", "/api/v1/auth/oauth/google/login", null, null, "X-Forwarded-For", E2eService.freshIp());
        expect(302, login);
        String cookie = header(login, "Set-Cookie").split(";")[0];
        provider.nextUser("oauth-user@relay.example.com");
        HttpResponse<String> consent = browser.send(
                HttpRequest.newBuilder(URI.create(header(login, "Location")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, consent.statusCode(), consent.body());
        URI back = URI.create(header(consent, "Location"));
        HttpResponse<String> callback = instance(1)
                .http
                .send(
                        "GET",
                        back.getRawPath() + "?" + back.getRawQuery(),
                        null,
                        null,
                        "Cookie",
                        cookie,
                        "X-Forwarded-For",
                        E2eService.freshIp());
        expect(302, callback);
        String code = FakeOidcProvider.query(header(callback, "Location")).get("session_code");
        int redemptions = 4 * INSTANCES;
        List<Integer> statuses = atOnce(
                redemptions,
                i -> instance(i)
                        .http
                        .json(
                                "POST",
                                "/api/v1/auth/oauth/session",
                                "{\"session_code\":\"" + code + "\"}",
                                "X-Forwarded-For",
                                E2eService.freshIp())
                        .statusCode());
        assertEquals(1, count(statuses, 200), statuses.toString());
        assertEquals(redemptions - 1, count(statuses, 401), statuses.toString());
    }

    @Test
    @Order(4)
    void anInvitationIsRedeemedOnceAcrossInstances() throws Exception {
        String email = "invited@relay.example.com";
        String code = expect(
                        201,
                        instance(2)
                                .http
                                .json(
                                        "POST",
                                        "/api/v1/auth/invitations",
                                        "{\"email\":\"" + email + "\",\"role\":\"USER\"}",
                                        admin.auth()))
                .get("code")
                .asText();
        int signups = 4 * INSTANCES;
        List<Integer> statuses = atOnce(
                signups,
                i -> instance(i)
                        .http
                        .json(
                                "POST",
                                "/api/v1/auth/signup",
                                "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Invited %d\",\"invitation\":\"%s\"}"
                                        .formatted(email, E2eService.PASSWORD, i, code),
                                "X-Forwarded-For",
                                E2eService.freshIp())
                        .statusCode());
        assertEquals(1, count(statuses, 201), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || (s >= 400 && s < 500)), statuses.toString());
        MongoDatabase system = client.getDatabase("relay_system");
        assertEquals(0, system.getCollection("invitations").countDocuments(), "the invitation is spent");
        assertEquals(1, system.getCollection("users").countDocuments(new Document("email", email)));
    }

    @Test
    @Order(5)
    void uniqueRulesHoldAcrossInstances() throws Exception {
        int writers = 4 * INSTANCES;
        List<Integer> statuses = atOnce(
                writers,
                i -> instance(i)
                        .http
                        .json(
                                "POST",
                                "/api/v1/tasks",
                                "{\"title\":\"t" + i + "\",\"code\":\"ONE\",\"reference\":\"r\"}",
                                admin.auth())
                        .statusCode());
        assertEquals(1, count(statuses, 201), statuses.toString());
        assertEquals(writers - 1, count(statuses, 409), statuses.toString());
        assertEquals(1, orgDb().getCollection("tasks").countDocuments(new Document("code", "ONE")));
    }

    @Test
    @Order(6)
    void noTaskOutlivesItsProjectWhenADeleteRacesRefsOnOtherInstances() throws Exception {
        for (int round = 0; round < 6; round++) {
            String project = instance(round)
                    .create(admin, "projects", "{\"name\":\"project " + round + "\"}")
                    .get("id")
                    .asText();
            int writers = 2 * INSTANCES;
            int r = round;
            List<Integer> statuses = atOnce(writers + 1, i -> {
                if (i == writers) {
                    return instance(r)
                            .http
                            .send("DELETE", "/api/v1/projects/" + project, null, null, admin.auth())
                            .statusCode();
                }
                return instance(r + 1 + i)
                        .http
                        .json(
                                "POST",
                                "/api/v1/tasks",
                                "{\"title\":\"on " + project + "\",\"project\":\"" + project
                                        + "\",\"reference\":\"r\"}",
                                admin.auth())
                        .statusCode();
            });
            boolean projectExists = orgDb().getCollection("projects")
                            .countDocuments(new Document("_id", new org.bson.types.ObjectId(project)))
                    == 1;
            long referring = orgDb().getCollection("tasks")
                    .countDocuments(new Document("project", new org.bson.types.ObjectId(project)));
            int deleteStatus = statuses.get(writers);
            assertTrue(deleteStatus == 204 || deleteStatus == 409, statuses.toString());
            assertEquals(deleteStatus == 204, !projectExists, statuses.toString());
            if (!projectExists) {
                assertEquals(0, referring, "a task refers to a deleted project: " + statuses);
            }
            assertEquals(
                    referring,
                    statuses.subList(0, writers).stream().filter(s -> s == 201).count(),
                    "every acknowledged task is stored: " + statuses);
        }
    }

    @Test
    @Order(7)
    void concurrentPatchesThroughDifferentInstancesLoseNothing() throws Exception {
        String id = instance(0)
                .create(admin, "tasks", "{\"title\":\"shared\",\"reference\":\"r\"}")
                .get("id")
                .asText();
        String path = "/api/v1/tasks/" + id;
        int writesEach = 10;
        int incrementsEach = 8;
        List<String> fields = List.of("a", "b", "c");
        Set<Long> versions = ConcurrentHashMap.newKeySet();
        // one writer per field, each through a different instance; then as many incrementers, also spread
        List<Integer> acknowledged = atOnce(2 * fields.size(), w -> {
            int done = 0;
            E2eService svc = instance(w);
            if (w < fields.size()) {
                String field = fields.get(w);
                for (int i = 1; i <= writesEach; i++) {
                    JsonNode stored = expect(
                            200,
                            svc.http.send(
                                    "PATCH",
                                    path,
                                    "application/merge-patch+json",
                                    "{\"" + field + "\":\"" + field + "-" + i + "\"}",
                                    admin.auth()));
                    assertTrue(versions.add(stored.get("version").asLong()), "a version twice");
                    done++;
                }
                return done;
            }
            for (int i = 0; i < incrementsEach; i++) {
                for (int attempt = 0; ; attempt++) {
                    assertTrue(attempt < 500, "an increment never got through");
                    HttpResponse<String> read = svc.http.send("GET", path, null, null, admin.auth());
                    int now = expect(200, read).get("count").asInt();
                    HttpResponse<String> write = svc.http.send(
                            "PATCH",
                            path,
                            "application/merge-patch+json",
                            "{\"count\":" + (now + 1) + "}",
                            admin.auth("If-Match", header(read, "ETag")));
                    if (write.statusCode() == 412) {
                        continue;
                    }
                    assertTrue(versions.add(expect(200, write).get("version").asLong()), "a version twice");
                    done++;
                    break;
                }
            }
            return done;
        });
        int total = acknowledged.stream().mapToInt(Integer::intValue).sum();
        assertEquals(fields.size() * (writesEach + incrementsEach), total);
        for (E2eService svc : instances) {
            JsonNode last = expect(200, svc.get(admin, "tasks/" + id));
            for (String field : fields) {
                assertEquals(field + "-" + writesEach, last.get(field).asText(), "the last write of " + field);
            }
            assertEquals(fields.size() * incrementsEach, last.get("count").asInt(), "every increment");
            assertEquals(1 + total, last.get("version").asLong(), "one version per acknowledged write");
        }
    }
}
