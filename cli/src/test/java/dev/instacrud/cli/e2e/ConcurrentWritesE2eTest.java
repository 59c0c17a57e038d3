package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static dev.instacrud.cli.e2e.Http.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 1 over real HTTP: many clients change one document at once and no acknowledged change is lost; a
 * stale {@code If-Match} is a 412 that changes nothing; {@code If-None-Match} gives 304; {@code ifMatch: required}
 * makes a write without {@code If-Match} a 428. The {@code board} spec of {@code src/test/resources/e2e}, compiled
 * with a hooks class of the user's that counts what it sees.
 */
class ConcurrentWritesE2eTest {
    private static final String HOOKS = "org.example.board.CardHooksImpl";

    static Path dir;
    static CompiledService.Started started;
    static E2eService board;
    static E2eService.User ada;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("instacrud-concurrency-");
        Path resources = Path.of("src", "test", "resources", "e2e");
        CompiledService compiled = CompiledService.compile(
                resources.resolve("board.yaml"),
                Map.of(
                        "org/example/board/CardHooksImpl.java",
                        Files.readString(resources.resolve("board/CardHooksImpl.java"), StandardCharsets.UTF_8),
                        "META-INF/services/org.example.board.CardHooks",
                        HOOKS + "\n"),
                dir);
        started = compiled.startHere(Map.of(
                "PORT", "0",
                "MODE", "test",
                "DATA_DIR", dir.resolve("data").toString(),
                "BCRYPT_COST", "4",
                "SECRET_KEY", E2eService.SECRET_KEY));
        board = E2eService.at(started.service().url());
        ada = board.signupAdmin("ada@board.test", "Board");
    }

    @AfterAll
    static void stop() throws Exception {
        if (started != null) {
            started.close();
        }
        CompiledService.deleteTree(dir);
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        String type = method.equals("PUT") ? "application/json" : "application/merge-patch+json";
        return board.http.send(method, "/api/v1/" + path, type, body, ada.auth(headers));
    }

    private static int counter(String field) throws Exception {
        return ((AtomicInteger) started.staticField(HOOKS, field)).get();
    }

    @Test
    void concurrentPatchesOfDifferentFieldsAndIncrementsLoseNothing() throws Exception {
        JsonNode card = board.create(ada, "cards", "{\"title\":\"shared\"}");
        String path = "cards/" + card.get("id").asText();
        int fieldWriters = 6;
        int writesEach = 12;
        int incrementers = 4;
        int incrementsEach = 10;
        int beforeBefore = counter("BEFORE_UPDATE");
        int afterBefore = counter("AFTER_UPDATE");
        List<String> fields = List.of("a", "b", "c", "d", "e", "f");
        Map<String, String> lastAcknowledged = new ConcurrentHashMap<>();
        Set<Long> acknowledgedVersions = ConcurrentHashMap.newKeySet();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(fieldWriters + incrementers);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < fieldWriters; w++) {
                String field = fields.get(w);
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 1; i <= writesEach; i++) {
                        String value = field + "-" + i;
                        JsonNode stored = expect(200, send("PATCH", path, "{\"" + field + "\":\"" + value + "\"}"));
                        assertEquals(value, stored.get(field).asText());
                        assertTrue(
                                acknowledgedVersions.add(stored.get("version").asLong()), "a version twice");
                        lastAcknowledged.put(field, value);
                        acknowledged.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int w = 0; w < incrementers; w++) {
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < incrementsEach; i++) {
                        // read, add one, write back naming the version read; a 412 means someone wrote first
                        for (int attempt = 0; ; attempt++) {
                            assertTrue(attempt < 500, "an increment never got through");
                            HttpResponse<String> read = send("GET", path, null);
                            JsonNode now = expect(200, read);
                            String etag = header(read, "ETag");
                            assertEquals("\"" + now.get("version").asLong() + "\"", etag);
                            int count = now.get("count").asInt();
                            HttpResponse<String> write =
                                    send("PATCH", path, "{\"count\":" + (count + 1) + "}", "If-Match", etag);
                            if (write.statusCode() == 412) {
                                stale.incrementAndGet();
                                continue;
                            }
                            JsonNode stored = expect(200, write);
                            assertTrue(
                                    acknowledgedVersions.add(
                                            stored.get("version").asLong()),
                                    "a version twice");
                            acknowledged.incrementAndGet();
                            break;
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode after = expect(200, send("GET", path, null));
        for (String field : fields) {
            assertEquals(lastAcknowledged.get(field), after.get(field).asText(), "the last write of " + field);
        }
        assertEquals(incrementers * incrementsEach, after.get("count").asInt(), "every increment counted once");
        assertEquals("shared", after.get("title").asText());
        int writes = fieldWriters * writesEach + incrementers * incrementsEach;
        assertEquals(writes, acknowledged.get());
        assertEquals(1 + writes, after.get("version").asLong(), "one version per acknowledged write");

        // hooks: beforeUpdate saw the merged card every time; afterUpdate ran once per acknowledged write
        assertEquals(0, counter("MERGED_WITHOUT_TITLE"));
        assertEquals(writes, counter("AFTER_UPDATE") - afterBefore);
        int before = counter("BEFORE_UPDATE") - beforeBefore;
        assertTrue(before >= writes && before <= writes + stale.get(), before + " beforeUpdate calls");
        assertEquals(0, counter("REPEATED_VERSIONS"));
        System.out.printf(
                "%d acknowledged writes (%d increments needed %d retries after a 412); version %d%n",
                writes,
                incrementers * incrementsEach,
                stale.get(),
                after.get("version").asLong());
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() throws Exception {
        JsonNode card = board.create(ada, "cards", "{\"title\":\"draft\",\"a\":\"x\"}");
        String path = "cards/" + card.get("id").asText();
        HttpResponse<String> created = send("GET", path, null);
        assertEquals("\"1\"", header(created, "ETag"));
        expect(200, send("PATCH", path, "{\"a\":\"y\"}", "If-Match", "\"1\""));
        HttpResponse<String> current = send("GET", path, null);
        assertEquals("\"2\"", header(current, "ETag"));

        for (HttpResponse<String> refused : List.of(
                send("PUT", path, "{\"title\":\"stale form\"}", "If-Match", "\"1\""),
                send("PATCH", path, "{\"a\":\"stale\"}", "If-Match", "\"1\""),
                send("PATCH", path, "{\"a\":\"weak\"}", "If-Match", "W/\"2\""),
                send("DELETE", path, null, "If-Match", "\"1\""))) {
            JsonNode problem = expect(412, refused);
            assertEquals("Precondition Failed", problem.get("title").asText());
            assertEquals(2, problem.get("currentVersion").asLong());
            assertTrue(problem.get("detail").asText().contains("current version is 2"));
            assertEquals("\"2\"", header(refused, "ETag"));
        }
        assertEquals(current.body(), send("GET", path, null).body(), "nothing changed");

        // an unquoted version is not an entity tag: 400 saying what to send
        JsonNode malformed = expect(400, send("PATCH", path, "{\"a\":\"z\"}", "If-Match", "2"));
        assertTrue(malformed.get("detail").asText().contains("quotes included"));

        // If-None-Match: 304 with the ETag and no body while current, 200 once it changed
        HttpResponse<String> notModified = send("GET", path, null, "If-None-Match", "\"2\"");
        assertEquals(304, notModified.statusCode());
        assertEquals("\"2\"", header(notModified, "ETag"));
        assertTrue(notModified.body().isEmpty());
        assertEquals(304, send("GET", path, null, "If-None-Match", "W/\"2\"").statusCode());
        expect(200, send("PUT", path, "{\"title\":\"fresh\"}", "If-Match", "\"2\""));
        HttpResponse<String> changed = send("GET", path, null, "If-None-Match", "\"2\"");
        assertEquals(200, changed.statusCode());
        assertEquals("\"3\"", header(changed, "ETag"));
        assertTrue(Http.body(changed).get("a").isNull(), "the PUT replaced the whole card");
        assertEquals(204, send("DELETE", path, null, "If-Match", "\"3\"").statusCode());
    }

    @Test
    void ifMatchRequiredRefusesWritesThatNameNoVersion() throws Exception {
        JsonNode ledger = board.create(ada, "ledgers", "{\"name\":\"cash\"}");
        String path = "ledgers/" + ledger.get("id").asText();
        for (HttpResponse<String> refused : List.of(
                send("PUT", path, "{\"name\":\"x\"}"),
                send("PATCH", path, "{\"balance\":5}"),
                send("PATCH", path, "{\"balance\":5}", "If-Match", "*"),
                send("DELETE", path, null))) {
            JsonNode problem = expect(428, refused);
            assertEquals("Precondition Required", problem.get("title").asText());
            assertTrue(problem.get("detail").asText().contains("If-Match"));
        }
        assertEquals(1, expect(200, send("GET", path, null)).get("version").asLong(), "nothing changed");
        JsonNode patched = expect(200, send("PATCH", path, "{\"balance\":5}", "If-Match", "\"1\""));
        assertEquals(5, patched.get("balance").asLong());
        assertEquals(412, send("DELETE", path, null, "If-Match", "\"1\"").statusCode());
        assertEquals(204, send("DELETE", path, null, "If-Match", "\"2\"").statusCode());
    }

    @Test
    void theVersionIsTheServersAlone() throws Exception {
        JsonNode problem =
                expect(422, board.http.json("POST", "/api/v1/cards", "{\"title\":\"t\",\"version\":7}", ada.auth()));
        assertEquals("version", problem.get("errors").get(0).get("loc").get(1).asText());
        JsonNode card = board.create(ada, "cards", "{\"title\":\"t\"}");
        expect(422, send("PATCH", "cards/" + card.get("id").asText(), "{\"version\":99}"));
        assertEquals(
                1,
                expect(200, send("GET", "cards/" + card.get("id").asText(), null))
                        .get("version")
                        .asLong());
    }
}
