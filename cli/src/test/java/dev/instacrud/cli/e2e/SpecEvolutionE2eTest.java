package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static dev.instacrud.cli.e2e.Http.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.embedded.EmbeddedMongo;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 2 end to end: a generated service's spec evolves through five realistic steps over one MongoDB-wire
 * server (the embedded server, reached over TCP) holding the previous version's data of three organisations: a new
 * optional field, a new required field with a default (backfilled by the runtime), a rename with a migration of the
 * developer's, a narrowed constraint whose migration is killed (SIGKILL, the service a process of its own) in the
 * middle of a run and resumed by the next start, and a removed field. After each step every stored document of every
 * organisation reads back valid under that step's spec, a PATCH of a document written under an older version works,
 * and every migration is recorded once per organisation.
 */
class SpecEvolutionE2eTest {
    static final String PACKAGE = "org.example.desk";
    static final String SERVICES = "META-INF/services/dev.instacrud.runtime.data.Migration";

    static Path dir;
    static EmbeddedMongo store;
    static MongoClient client;

    /** What a ticket must read back as, kept by the test as it writes and as each step changes the data. */
    static final class Expected {
        final String org;
        String title;
        String summary;
        Integer estimate;
        String dueAt;

        Expected(String org, String title, String summary, Integer estimate) {
            this.org = org;
            this.title = title;
            this.summary = summary;
            this.estimate = estimate;
        }
    }

    static final Map<String, Expected> TICKETS = new LinkedHashMap<>();
    static final Map<String, E2eService.User> ADMINS = new LinkedHashMap<>();

    // the spec at each step; step 1 is the version the data was first written under
    static String spec(int step) {
        StringBuilder fields = new StringBuilder();
        fields.append("      title:    { type: string, required: true, maxLength: ")
                .append(step >= 5 ? 40 : 200)
                .append(" }\n");
        fields.append(step >= 4 ? "      notes:    { type: text }\n" : "      summary:  { type: text }\n");
        if (step < 6) {
            fields.append("      estimate: { type: int, minimum: 0 }\n");
        }
        if (step >= 2) {
            fields.append("      dueAt:    { type: datetime }\n");
        }
        if (step >= 3) {
            fields.append("      priority: { type: int, required: true, default: 3, minimum: 1, maximum: 5 }\n");
        }
        return """
                service:
                  name: desk
                  package: %s

                entities:
                  Ticket:
                    fields:
                %s""".formatted(PACKAGE, fields);
    }

    // the developer's migrations, as a project holds them at each step (never removed once written)
    static Map<String, String> migrations(int step) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder services = new StringBuilder();
        if (step >= 4) {
            files.put(
                    "org/example/desk/migrations/V4__RenameSummary.java",
                    migration("V4__RenameSummary", "\"summary\", \"notes\"", """
                            if (ticket.containsKey("summary")) {
                                ticket.put("notes", ticket.remove("summary"));
                            }"""));
            services.append(PACKAGE).append(".migrations.V4__RenameSummary\n");
        }
        if (step >= 5) {
            files.put(
                    "org/example/desk/migrations/V5__ShortenTitle.java",
                    migration("V5__ShortenTitle", "\"title\"", """
                            String slow = System.getenv("SLOW_MIGRATION_MS");
                            if (slow != null) {
                                try {
                                    Thread.sleep(Long.parseLong(slow));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            String title = ticket.getString("title");
                            if (title.length() > 40) {
                                ticket.put("title", title.substring(0, 40));
                            }"""));
            services.append(PACKAGE).append(".migrations.V5__ShortenTitle\n");
        }
        if (step >= 6) {
            files.put(
                    "org/example/desk/migrations/V6__DropEstimate.java",
                    migration("V6__DropEstimate", "\"estimate\"", "ticket.remove(\"estimate\");"));
            services.append(PACKAGE).append(".migrations.V6__DropEstimate\n");
        }
        if (!files.isEmpty()) {
            files.put(SERVICES, services.toString());
        }
        return files;
    }

    static String migration(String name, String fields, String body) {
        return """
                package org.example.desk.migrations;

                import dev.instacrud.runtime.data.Migration;
                import java.util.Set;
                import org.bson.Document;

                public final class %s implements Migration {
                    @Override
                    public String entity() {
                        return "Ticket";
                    }

                    @Override
                    public Set<String> fields() {
                        return Set.of(%s);
                    }

                    @Override
                    public Document migrate(Document ticket) {
                %s
                        return ticket;
                    }
                }
                """.formatted(name, fields, body.indent(8).stripTrailing());
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("instacrud-evolution-");
        store = EmbeddedMongo.startInMemory(Clock.systemUTC());
        client = MongoClients.create(store.connectionString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
        CompiledService.deleteTree(dir);
    }

    static CompiledService compile(int step) throws Exception {
        Path stepDir = Files.createDirectories(dir.resolve("v" + step));
        Path spec = stepDir.resolve("instacrud.yaml");
        Files.writeString(spec, spec(step), StandardCharsets.UTF_8);
        return CompiledService.compile(spec, migrations(step), stepDir.resolve("build"));
    }

    static Map<String, String> environment(int step) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("MODE", "test");
        env.put("MONGO_URL", store.connectionString());
        env.put("DATA_DIR", dir.resolve("data-v" + step).toString());
        env.put("BCRYPT_COST", "4");
        env.put("SECRET_KEY", E2eService.SECRET_KEY);
        env.put("TRUSTED_PROXIES", "127.0.0.1");
        env.put("MIGRATION_BATCH_SIZE", "4");
        env.put("MIGRATION_LEASE_SECONDS", "2");
        return env;
    }

    @Test
    void fiveStepsOverThreeOrganisationsWithAKilledMigration() throws Exception {
        // step 1: three organisations write tickets under the first version
        try (CompiledService.Started v1 = compile(1).startHere(environment(1))) {
            assertTrue(v1.service().awaitReady(Duration.ofSeconds(60)), "ready");
            E2eService svc = E2eService.at(v1.service().url());
            for (String name : List.of("North", "South", "East")) {
                E2eService.User admin = svc.signupAdmin("admin@" + name.toLowerCase() + ".example.com", name);
                ADMINS.put(admin.orgId(), admin);
            }
            writeTickets(svc, 1, 12);
            verify(svc, 1);
        }

        for (int step = 2; step <= 6; step++) {
            CompiledService compiled = compile(step);
            if (step == 5) {
                killInTheMiddleOfTheMigration(compiled);
            }
            Map<String, String> env = environment(step);
            try (CompiledService.Started running = compiled.startHere(env)) {
                // ready once its start-up tasks brought every organisation's documents in line
                assertTrue(running.service().awaitReady(Duration.ofSeconds(120)), "ready after step " + step);
                E2eService svc = E2eService.at(running.service().url());
                apply(step);
                verify(svc, step);
                patchOldDocuments(svc, step);
                writeTickets(svc, step, 2);
                verify(svc, step);
            }
        }

        // every migration ran once per organisation, each recorded with the documents it changed
        for (String org : ADMINS.keySet()) {
            MongoDatabase db = client.getDatabase("desk_org_" + org);
            long tickets =
                    TICKETS.values().stream().filter(t -> t.org.equals(org)).count();
            for (String id : List.of("V4__RenameSummary", "V5__ShortenTitle", "V6__DropEstimate")) {
                List<Document> records = db.getCollection("_migrations")
                        .find(new Document("_id", id))
                        .into(new ArrayList<>());
                assertEquals(1, records.size(), id + " in " + org);
                assertFalse(records.get(0).getBoolean("baseline", false), id + " was run, not taken as applied");
                assertTrue(
                        records.get(0).get("changed", Long.class) <= tickets,
                        records.get(0).toJson());
            }
            assertEquals(0, db.getCollection("_migrations").countDocuments(new Document("_id", "run")), "no run left");
        }
    }

    // Starts step 5 as a process whose migration is slow, and kills it once a batch of one database is recorded.
    static void killInTheMiddleOfTheMigration(CompiledService compiled) throws Exception {
        Map<String, String> env = environment(5);
        env.put("SLOW_MIGRATION_MS", "100"); // a database takes seconds: the test sees it midway even when starved
        env.put("MIGRATION_LEASE_SECONDS", "3"); // the next start takes over the run of the dead instance
        Path log = dir.resolve("killed.log");
        try (ServiceProcess killed = compiled.startProcess(env, log)) {
            Http http = new Http(killed.awaitListening(Duration.ofSeconds(60)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String midway = null;
            while (midway == null) {
                assertTrue(System.nanoTime() < deadline, "no batch recorded:\n" + killed.output());
                assertTrue(killed.isAlive(), "exited before its migration was under way:\n" + killed.output());
                // asked before the database is read: while a run is seen under way, the instance was not ready
                HttpResponse<String> ready = http.send("GET", "/health/ready", null, null);
                for (String org : ADMINS.keySet()) {
                    Document run = client.getDatabase("desk_org_" + org)
                            .getCollection("_migrations")
                            .find(new Document("_id", "run"))
                            .first();
                    Document ticket = run == null
                            ? null
                            : run.get("entities", Document.class).get("Ticket", Document.class);
                    if (ticket != null && ticket.get("batches", 0L) >= 1 && !ticket.getBoolean("done", true)) {
                        midway = org;
                        assertEquals(503, ready.statusCode(), "not ready while it migrates: " + ready.body());
                    }
                }
                Thread.sleep(20);
            }
            killed.kill();
            Document run = client.getDatabase("desk_org_" + midway)
                    .getCollection("_migrations")
                    .find(new Document("_id", "run"))
                    .first();
            assertNotNull(run, "the killed run is recorded, to be resumed");
            long longTitles = 0;
            for (Document stored : client.getDatabase("desk_org_" + midway)
                    .getCollection("tickets")
                    .find()) {
                longTitles += stored.getString("title").length() > 40 ? 1 : 0;
            }
            assertTrue(longTitles > 0, "killed before its database was done");
        }
        Thread.sleep(3_100); // the dead instance's lease runs out
    }

    // What the step's migrations and defaults do to the data, in the test's own expectations.
    static void apply(int step) {
        for (Expected t : TICKETS.values()) {
            if (step == 5 && t.title.length() > 40) {
                t.title = t.title.substring(0, 40);
            }
            if (step == 6) {
                t.estimate = null;
            }
        }
    }

    static void writeTickets(E2eService svc, int step, int perOrg) throws Exception {
        for (E2eService.User admin : ADMINS.values()) {
            for (int i = 0; i < perOrg; i++) {
                String title = "step " + step + " ticket " + i + " of " + admin.email()
                        + (i % 2 == 0 ? " whose title runs on well past forty characters" : "");
                if (step >= 5) {
                    title = title.length() > 40 ? title.substring(0, 40) : title;
                }
                String summary = i % 3 == 0 ? null : "summary " + step + "." + i;
                Integer estimate = step < 6 && i % 4 != 1 ? i * 2 : null;
                StringBuilder json = new StringBuilder("{\"title\":").append(Http.JSON.writeValueAsString(title));
                if (summary != null) {
                    json.append(step >= 4 ? ",\"notes\":" : ",\"summary\":")
                            .append(Http.JSON.writeValueAsString(summary));
                }
                if (estimate != null) {
                    json.append(",\"estimate\":").append(estimate);
                }
                JsonNode created = svc.create(admin, "tickets", json.append('}').toString());
                TICKETS.put(created.get("id").asText(), new Expected(admin.orgId(), title, summary, estimate));
            }
        }
    }

    // Every ticket of every organisation, through the API and as stored, is what the step's spec allows and the
    // test expects.
    static void verify(E2eService svc, int step) throws Exception {
        int maxTitle = step >= 5 ? 40 : 200;
        for (E2eService.User admin : ADMINS.values()) {
            JsonNode page = expect(200, svc.get(admin, "tickets?limit=100"));
            int seen = 0;
            for (JsonNode ticket : page.get("items")) {
                seen++;
                String id = ticket.get("id").asText();
                Expected expected = TICKETS.get(id);
                assertNotNull(expected, "a ticket the test did not write: " + ticket);
                String where = "step " + step + ", ticket " + ticket;
                assertTrue(ticket.get("title").isTextual(), where);
                assertTrue(ticket.get("title").asText().length() <= maxTitle, where);
                assertEquals(expected.title, ticket.get("title").asText(), where);
                assertTrue(ticket.get("version").asLong() >= 1, where);
                String summaryField = step >= 4 ? "notes" : "summary";
                assertEquals(expected.summary, text(ticket.get(summaryField)), where);
                assertEquals(null, text(ticket.get(step >= 4 ? "summary" : "notes")), where);
                if (step >= 6) {
                    assertFalse(ticket.has("estimate"), "a removed field is not served: " + where);
                } else {
                    assertEquals(
                            expected.estimate,
                            ticket.hasNonNull("estimate")
                                    ? ticket.get("estimate").asInt()
                                    : null,
                            where);
                }
                if (step >= 3) {
                    assertTrue(ticket.get("priority").isInt(), "the required field has a value: " + where);
                    int priority = ticket.get("priority").asInt();
                    assertTrue(priority >= 1 && priority <= 5, where);
                }
                assertEquals(expected.dueAt, text(ticket.get("dueAt")), where);
                HttpResponse<String> one = svc.get(admin, "tickets/" + id);
                assertEquals("\"" + ticket.get("version").asLong() + "\"", header(one, "ETag"), where);
                assertEquals(ticket, expect(200, one), "a ticket reads the same alone and in a list");
            }
            long expectedCount = TICKETS.values().stream()
                    .filter(t -> t.org.equals(admin.orgId()))
                    .count();
            assertEquals(expectedCount, seen, "every ticket of " + admin.email() + " at step " + step);
            // as stored: nothing the spec no longer has
            for (Document stored : client.getDatabase("desk_org_" + admin.orgId())
                    .getCollection("tickets")
                    .find()) {
                if (step >= 4) {
                    assertFalse(stored.containsKey("summary"), stored.toJson());
                }
                if (step >= 6) {
                    assertFalse(stored.containsKey("estimate"), stored.toJson());
                }
                if (step >= 3) {
                    assertTrue(stored.get("priority") instanceof Integer, stored.toJson());
                }
            }
        }
    }

    // A PATCH of a document written under the first version works, with and without If-Match, and keeps the rest.
    static void patchOldDocuments(E2eService svc, int step) throws Exception {
        for (E2eService.User admin : ADMINS.values()) {
            String id = TICKETS.entrySet().stream()
                    .filter(e -> e.getValue().org.equals(admin.orgId()))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            Expected expected = TICKETS.get(id);
            String dueAt = "2027-0" + step + "-01T09:00:00Z";
            JsonNode patched = expect(
                    200,
                    svc.http.send(
                            "PATCH",
                            "/api/v1/tickets/" + id,
                            "application/merge-patch+json",
                            "{\"dueAt\":\"" + dueAt + "\"}",
                            admin.auth()));
            expected.dueAt = patched.get("dueAt").asText();
            assertEquals(expected.title, patched.get("title").asText());
            String title = "patched at step " + step;
            HttpResponse<String> withIfMatch = svc.http.send(
                    "PATCH",
                    "/api/v1/tickets/" + id,
                    "application/merge-patch+json",
                    "{\"title\":\"" + title + "\"}",
                    admin.auth("If-Match", "\"" + patched.get("version").asLong() + "\""));
            assertEquals(title, expect(200, withIfMatch).get("title").asText());
            expected.title = title;
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
