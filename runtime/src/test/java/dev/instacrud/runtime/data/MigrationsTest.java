package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.query.FieldKind;
import dev.instacrud.runtime.store.EmbeddedStore;
import dev.instacrud.runtime.store.TestStoreProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 2 in the data layer: an organisation database's documents follow the service's schema through its
 * spec's changes, once, recorded in {@code _migrations}; a change that needs a migration none makes refuses the start;
 * a migration that fails or leaves an invalid document records nothing and resumes after its last batch; two
 * instances migrate a database once; requests wait (503) for the entities under migration.
 */
class MigrationsTest {
    static EmbeddedStore store;
    static MongoClient client;

    static final String V1 = """
            {"entities": {"Task": {"collection": "tasks", "scope": "org", "fields": {
                "title": {"type": "string", "required": true, "maxLength": 200},
                "summary": {"type": "text"}}}}}""";
    // an optional field, and a required one with a default
    static final String V2 = """
            {"entities": {"Task": {"collection": "tasks", "scope": "org", "fields": {
                "title": {"type": "string", "required": true, "maxLength": 200},
                "summary": {"type": "text"},
                "dueAt": {"type": "datetime"},
                "priority": {"type": "int", "required": true, "default": 3, "minimum": 1}}}}}""";
    // summary renamed to notes, title narrowed
    static final String V3 = """
            {"entities": {"Task": {"collection": "tasks", "scope": "org", "fields": {
                "title": {"type": "string", "required": true, "maxLength": 10},
                "notes": {"type": "text"},
                "dueAt": {"type": "datetime"},
                "priority": {"type": "int", "required": true, "default": 3, "minimum": 1}}}}}""";

    static final EntityDescriptor TASK = EntityDescriptor.builder("Task", "tasks", EntityDescriptor.Scope.ORG)
            .field("title", FieldKind.PLAIN)
            .field("summary", FieldKind.PLAIN)
            .field("notes", FieldKind.PLAIN)
            .field("dueAt", FieldKind.DATE)
            .field("priority", FieldKind.PLAIN)
            .build();

    @BeforeAll
    static void start() {
        store = new TestStoreProvider().startInMemory(Clock.systemUTC());
        client = MongoClients.create(store.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        store.close();
    }

    static DataLayer open(String schema, Migration... migrations) {
        return open(schema, Duration.ofSeconds(30), migrations);
    }

    static DataLayer open(String schema, Duration lease, Migration... migrations) {
        Settings settings = Settings.builder("mig", Mode.TEST)
                .mongoUrl(store.connectionString())
                .migrationBatchSize(4)
                .migrationLease(lease)
                .build();
        return DataLayer.open(
                settings,
                EntityRegistry.of(TASK),
                schema == null ? null : DataSchema.parse(schema),
                List.of(migrations));
    }

    /** An organisation whose database holds {@code n} tasks written under V1. */
    static String orgWithTasks(int n) {
        String org = new ObjectId().toHexString();
        CurrentUser user = Fixtures.user(org);
        try (DataLayer v1 = open(V1)) {
            v1.migrate(List.of(org));
            for (int i = 0; i < n; i++) {
                int k = i;
                as(
                        user,
                        () -> v1.repository(TASK)
                                .insert(new Document("title", "a task with a long title number " + k)
                                        .append("summary", "summary " + k)));
            }
        }
        return org;
    }

    static MongoDatabase db(String org) {
        return client.getDatabase("mig_org_" + org);
    }

    static MongoCollection<Document> log(String org) {
        return db(org).getCollection(Migrations.COLLECTION);
    }

    /** Renames summary to notes and shortens titles to 10 characters; counts the documents it is given. */
    static class Rename implements Migration {
        final AtomicInteger calls = new AtomicInteger();
        final int failAfter;

        Rename(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public String id() {
            return "V3__RenameSummary";
        }

        @Override
        public String entity() {
            return "Task";
        }

        @Override
        public Set<String> fields() {
            return Set.of("summary", "notes", "title");
        }

        @Override
        public Document migrate(Document task) {
            if (calls.incrementAndGet() == failAfter) {
                throw new IllegalStateException("simulated crash");
            }
            if (task.containsKey("summary")) {
                task.put("notes", task.remove("summary"));
            }
            String title = task.getString("title");
            if (title.length() > 10) {
                task.put("title", title.substring(0, 10));
            }
            return task;
        }
    }

    @Test
    void aNewDatabaseIsRecordedAsFollowingTheSchema() {
        String org = orgWithTasks(0);
        Document record = log(org).find(new Document("_id", "schema")).first();
        assertEquals(DataSchema.parse(V1).hash(), record.getString("hash"));
        assertEquals(List.of(DataSchema.parse(V1).hash()), record.getList("history", String.class));
    }

    @Test
    void aDefaultIsBackfilledAndAnOptionalFieldNeedsNothing() {
        String org = orgWithTasks(10);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
            assertTrue(v2.migrationsDone());
        }
        for (Document task : db(org).getCollection("tasks").find()) {
            assertEquals(3, task.getInteger("priority"), "the default, stored as the API stores it");
            assertEquals(2L, task.getLong("version"), "the backfill is a write");
            assertNull(task.get("dueAt"));
        }
        assertEquals(
                DataSchema.parse(V2).hash(),
                log(org).find(new Document("_id", "schema")).first().get("hash"));
    }

    @Test
    void aChangeNoMigrationCoversRefusesTheStartNamingIt() {
        String org = orgWithTasks(3);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
        }
        try (DataLayer v3 = open(V3)) {
            MissingMigrationException e = assertThrows(MissingMigrationException.class, () -> v3.migrate(List.of(org)));
            assertTrue(e.getMessage().contains("Task.summary: summary was removed"), e.getMessage());
            assertTrue(e.getMessage().contains("Task.title: title has a narrower maxLength"), e.getMessage());
            assertTrue(e.getMessage().contains("docs/migrations.md"), e.getMessage());
            assertTrue(!v3.migrationsDone());
        }
        assertEquals(
                DataSchema.parse(V2).hash(),
                log(org).find(new Document("_id", "schema")).first().get("hash"));
    }

    @Test
    void aMigrationThatFailsResumesAfterItsLastBatch() {
        String org = orgWithTasks(10);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
        }
        Rename crashing = new Rename(7); // batches of 4: the second batch fails on its third document
        try (DataLayer v3 = open(V3, crashing)) {
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> v3.migrate(List.of(org)));
            assertTrue(e.getMessage().contains("V3__RenameSummary failed on document"), e.getMessage());
        }
        Document run = log(org).find(new Document("_id", "run")).first();
        assertEquals(
                4L,
                run.get("entities", Document.class).get("Task", Document.class).getLong("documents"));
        assertNull(log(org).find(new Document("_id", "V3__RenameSummary")).first(), "not recorded as applied");

        Rename fixed = new Rename(-1);
        try (DataLayer v3 = open(V3, fixed)) {
            v3.migrate(List.of(org));
        }
        assertEquals(6, fixed.calls.get(), "resumed after the 4 documents of the recorded batch");
        assertEquals(
                1,
                log(org).find(new Document("_id", "schema")).first().getList("history", String.class).stream()
                        .filter(DataSchema.parse(V3).hash()::equals)
                        .count());
        assertNull(log(org).find(new Document("_id", "run")).first());
        Document applied =
                log(org).find(new Document("_id", "V3__RenameSummary")).first();
        assertTrue(applied.getLong("changed") > 0);
        for (Document task : db(org).getCollection("tasks").find()) {
            assertNull(task.get("summary"));
            assertTrue(task.getString("notes").startsWith("summary "));
            assertEquals(10, task.getString("title").length());
        }
    }

    @Test
    void aMigrationThatLeavesAnInvalidDocumentRecordsNothing() {
        String org = orgWithTasks(3);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
        }
        Migration renameOnly = new Rename(-1) {
            @Override
            public Document migrate(Document task) {
                task.put("notes", task.remove("summary")); // forgets to shorten the title
                return task;
            }
        };
        try (DataLayer v3 = open(V3, renameOnly)) {
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> v3.migrate(List.of(org)));
            assertTrue(e.getMessage().contains("title of document"), e.getMessage());
            assertTrue(e.getMessage().contains("maxLength 10"), e.getMessage());
        }
        assertNull(log(org).find(new Document("_id", "V3__RenameSummary")).first());
        assertEquals(
                DataSchema.parse(V2).hash(),
                log(org).find(new Document("_id", "schema")).first().get("hash"));
    }

    @Test
    void twoInstancesMigrateADatabaseOnceAndRequestsWaitForIt() throws Exception {
        String org = orgWithTasks(40);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
        }
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger passed = new AtomicInteger();
        Migration slow = new Rename(-1) {
            @Override
            public Document migrate(Document task) {
                passed.incrementAndGet();
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.migrate(task);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DataLayer first = open(V3, slow);
                DataLayer second = open(V3, slow)) {
            Future<?> a = pool.submit(() -> first.migrate(List.of(org)));
            started.await();
            Future<?> b = pool.submit(() -> second.migrate(List.of(org)));
            // meanwhile a request of the second instance for Task waits
            CurrentUser user = Fixtures.user(org);
            ApiException busy = assertThrows(
                    ApiException.class,
                    () -> as(user, () -> second.repository(TASK).list(null, null, 0, 10)));
            assertEquals(503, busy.status());
            assertTrue(busy.retryAfterSeconds() > 0);
            release.countDown();
            a.get();
            b.get();
            assertEquals(40, passed.get(), "each document migrated once, by one instance");
            assertEquals(
                    40,
                    as(user, () -> second.repository(TASK).list(null, null, 0, 100))
                            .total());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInstanceTakesOverTheRunOfOneThatDied() {
        String org = orgWithTasks(10);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
        }
        try (DataLayer dying = open(V3, Duration.ofSeconds(1), new Rename(6))) {
            assertThrows(MigrationFailedException.class, () -> dying.migrate(List.of(org)));
        }
        // the failed run released its lease; a dead one would hold it until it runs out
        log(org).insertOne(new Document("_id", "lease")
                .append("owner", "a process that was killed")
                .append("until", new java.util.Date(System.currentTimeMillis() + 1500)));
        Rename fixed = new Rename(-1);
        long begin = System.nanoTime();
        try (DataLayer next = open(V3, fixed)) {
            next.migrate(List.of(org));
        }
        assertTrue(System.nanoTime() - begin >= 1_000_000_000L, "waited for the dead holder's lease to run out");
        assertEquals(6, fixed.calls.get(), "and resumed after its last recorded batch");
        assertEquals(1, log(org).find(new Document("_id", "run")).first() == null ? 1 : 0, "the run is finished");
    }

    @Test
    void anOlderSpecServesNewerDataOnlyWhenItReadsItAsItIs() {
        String org = orgWithTasks(2);
        try (DataLayer v2 = open(V2)) {
            v2.migrate(List.of(org));
        }
        try (DataLayer v1 = open(V1)) {
            v1.migrate(List.of(org)); // V2 only added fields: V1 reads them as they are
            assertTrue(v1.migrationsDone());
        }
        assertEquals(
                DataSchema.parse(V2).hash(),
                log(org).find(new Document("_id", "schema")).first().get("hash"));
        try (DataLayer v3 = open(V3, new Rename(-1))) {
            v3.migrate(List.of(org));
        }
        String v4 = V3.replace("\"maxLength\": 10", "\"maxLength\": 300"); // relaxed: nothing to migrate
        try (DataLayer later = open(v4, new Rename(-1))) {
            later.migrate(List.of(org));
        }
        assertEquals(
                DataSchema.parse(v4).hash(),
                log(org).find(new Document("_id", "schema")).first().get("hash"));
        try (DataLayer v3 = open(V3, new Rename(-1))) {
            // V4's titles may be longer than V3 allows: V3 would present them as valid
            MissingMigrationException e = assertThrows(MissingMigrationException.class, () -> v3.migrate(List.of(org)));
            assertTrue(e.getMessage().contains("newer spec"), e.getMessage());
            assertTrue(e.getMessage().contains("Task.title"), e.getMessage());
        }
    }

    @Test
    void migrationIdsAreCheckedAtOpen() {
        Migration unnamed = new Rename(-1) {
            @Override
            public String id() {
                return "rename";
            }
        };
        assertThrows(IllegalStateException.class, () -> open(V3, unnamed));
        assertThrows(IllegalStateException.class, () -> open(V3, new Rename(-1), new Rename(-1)));
    }

    @Test
    void aFieldNoLongerUniqueTakesDuplicates() {
        EntityDescriptor unique = EntityDescriptor.builder("Task", "tasks", EntityDescriptor.Scope.ORG)
                .field("title", FieldKind.PLAIN)
                .unique("title")
                .build();
        Settings settings = Settings.builder("mig", Mode.TEST)
                .mongoUrl(store.connectionString())
                .build();
        CurrentUser user = Fixtures.newOrgUser();
        try (DataLayer before = DataLayer.open(settings, EntityRegistry.of(unique))) {
            as(user, () -> before.repository(unique).insert(new Document("title", "same")));
            ApiException duplicate = assertThrows(
                    ApiException.class,
                    () -> as(user, () -> before.repository(unique).insert(new Document("title", "same"))));
            assertEquals(409, duplicate.status());
        }
        try (DataLayer after = DataLayer.open(settings, EntityRegistry.of(TASK))) {
            as(user, () -> after.repository(TASK).insert(new Document("title", "same")));
            assertEquals(
                    2,
                    as(user, () -> after.repository(TASK).list(null, null, 0, 10))
                            .total());
        }
    }

    static List<Document> all(MongoCollection<Document> c) {
        return c.find().into(new ArrayList<>());
    }
}
