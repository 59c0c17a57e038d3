package dev.instacrud.runtime.data;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.instacrud.runtime.error.ApiException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each organisation database's documents in line with the service's {@link DataSchema}, once, recorded in
 * the database's {@code _migrations} collection:
 *
 * <ul>
 *   <li>{@code schema}: the hash and canonical form of the schema the documents were last brought in line with, and
 *       the hashes before it;
 *   <li>one document per {@link Migration} applied ({@code V2__AddReporter}: when, by which instance, how many
 *       documents it changed);
 *   <li>{@code run}: a migration under way, with each entity's progress (the last {@code _id} done), so a run
 *       killed mid-way resumes where its last batch ended;
 *   <li>{@code lease}: which instance is migrating, until when; the others wait, or take the run over once the
 *       lease has run out (its holder died).
 * </ul>
 *
 * <p>What a database needs is worked out from its recorded schema and the service's ({@link SchemaChanges}): the
 * defaults to backfill, the migrations not yet applied, and every change that needs a migration none of those
 * covers, which refuses the start ({@link MissingMigrationException}) rather than serve documents the API would
 * present as valid when they are not. A database with no record is new (or written before this runtime kept
 * records): it is recorded as matching the schema, with every installed migration as applied. A database already
 * brought to a newer schema (a rollback) is served as it is if the older schema reads it without any migration,
 * and refused otherwise.
 *
 * <p>Each entity that needs work is passed over once, in {@code _id} order and batches: each document goes through
 * the pending migrations of its entity in version order, then the backfills, is checked against the schema for the
 * fields that changed ({@link StoredValues}), and is written back with a new version only if nobody wrote it
 * meanwhile (or deleted, when a migration returns null). Until a database's run is done, requests for the entities
 * it touches answer 503 with {@code Retry-After} ({@link #ready}); the others are served.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String COLLECTION = "_migrations";
    private static final Pattern ID = Pattern.compile("V([0-9]{1,9})__[A-Za-z0-9_]+");
    private static final Duration POLL = Duration.ofMillis(250);

    private final DataSchema schema;
    private final List<Migration> installed;
    private final Clock clock;
    private final int batchSize;
    private final Duration lease;
    private final String instance;
    private final Map<String, Object> done = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> busy = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final Map<String, Object> running = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "instacrud-migrations");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param schema the service's schema; null when the service has none (no migrations then)
     * @param installed the migrations of the service, in any order
     * @throws IllegalStateException for an id that is not {@code V<n>__<Name>}, or two with the same number
     */
    Migrations(DataSchema schema, List<Migration> installed, Clock clock, int batchSize, Duration lease) {
        this.schema = schema;
        this.installed = ordered(installed);
        this.clock = clock;
        this.batchSize = batchSize;
        this.lease = lease;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + new ObjectId().toHexString();
    }

    /**
     * What one database needs.
     *
     * @param stored the hash of the schema it records, null when it records none
     * @param upToDate nothing to do or to record (the schema it records is this one, or a newer one this one reads)
     * @param changes the changes its documents must follow
     * @param pending the installed migrations it has not applied, in order
     * @param entities the entities to pass over, with the collection each is stored in
     */
    record Plan(
            String stored,
            boolean upToDate,
            List<SchemaChanges.Change> changes,
            List<Migration> pending,
            Map<String, String> entities) {
        static final Plan NEW = new Plan(null, false, List.of(), List.of(), Map.of());

        boolean recorded() {
            return stored != null;
        }

        /** Nothing to pass over: only the record moves to the new schema. */
        boolean recordOnly() {
            return !upToDate && recorded() && entities.isEmpty() && pending.isEmpty();
        }
    }

    /**
     * Works out what a database needs, and refuses when a change needs a migration nothing covers, or the database
     * was brought to a newer schema that this one cannot read without one.
     *
     * @throws MissingMigrationException naming each uncovered change and what to do
     */
    Plan plan(MongoDatabase db) {
        MongoCollection<Document> log = db.getCollection(COLLECTION);
        Document record = log.find(Filters.eq("_id", "schema")).first();
        if (record == null) {
            return Plan.NEW;
        }
        Set<String> applied = new LinkedHashSet<>();
        log.find(Filters.regex("_id", "^V[0-9]")).forEach(d -> applied.add(d.getString("_id")));
        List<Migration> pending = new ArrayList<>();
        for (Migration m : installed) {
            if (!applied.contains(m.id())) {
                pending.add(m);
            }
        }
        DataSchema stored = DataSchema.parse(record.getString("schema"));
        List<?> history = record.getList("history", String.class, List.of());
        if (!stored.hash().equals(schema.hash()) && history.contains(schema.hash())) {
            // rolled back to an older spec: serve the newer data only if it holds nothing this spec would misread
            // (fields and entities it does not know are read past)
            List<SchemaChanges.Change> back = SchemaChanges.between(stored, schema).stream()
                    .filter(c -> c.need() == SchemaChanges.Need.MIGRATION && !c.removal())
                    .toList();
            if (!back.isEmpty()) {
                throw new MissingMigrationException(db.getName(), back, true);
            }
            return new Plan(stored.hash(), true, List.of(), List.of(), Map.of());
        }
        List<SchemaChanges.Change> changes = SchemaChanges.between(stored, schema);
        List<SchemaChanges.Change> missing = new ArrayList<>();
        Map<String, String> entities = new LinkedHashMap<>();
        for (SchemaChanges.Change change : changes) {
            String collection = collection(stored, change.entity());
            if (change.need() == SchemaChanges.Need.MIGRATION
                    && pending.stream().noneMatch(m -> covers(m, change))) {
                if (schema.entity(change.entity()).isEmpty()
                        && db.getCollection(collection).find().first() == null) {
                    continue; // a removed entity with nothing stored
                }
                missing.add(change);
            }
            entities.put(change.entity(), collection);
        }
        if (!missing.isEmpty()) {
            throw new MissingMigrationException(db.getName(), missing, false);
        }
        for (Migration m : pending) {
            if (stored.entity(m.entity()).isEmpty() && schema.entity(m.entity()).isEmpty()) {
                throw new IllegalStateException("migration " + m.id() + " is for entity " + m.entity()
                        + ", which neither the spec nor the stored data of " + db.getName() + " has");
            }
            entities.putIfAbsent(m.entity(), collection(stored, m.entity()));
        }
        boolean upToDate = stored.hash().equals(schema.hash()) && pending.isEmpty();
        return new Plan(stored.hash(), upToDate, changes, pending, entities);
    }

    /**
     * Brings one database in line: plans it, takes the lease (waiting while another instance migrates it), and runs
     * or resumes the migration. Returns once the database is up to date.
     *
     * @throws MissingMigrationException when a change needs a migration none covers
     * @throws MigrationFailedException when a migration failed on a document, or left one the schema does not allow
     */
    void migrate(MongoDatabase db) {
        if (schema == null) {
            return;
        }
        // one run per database in this instance: the start-up task and a request's background run wait for each
        // other (the lease alone would let both in, since it is this instance's)
        synchronized (running.computeIfAbsent(db.getName(), name -> new Object())) {
            if (!done.containsKey(db.getName())) {
                migrateNow(db);
            }
        }
    }

    /**
     * Checks, changing nothing, that {@code db} can be brought in line.
     *
     * @throws MissingMigrationException naming each change no migration covers
     */
    void check(MongoDatabase db) {
        if (schema != null) {
            plan(db);
        }
    }

    private void migrateNow(MongoDatabase db) {
        Plan plan = plan(db);
        if (plan.upToDate()) {
            markDone(db.getName());
            return;
        }
        MongoCollection<Document> log = db.getCollection(COLLECTION);
        if (!plan.recorded()) {
            baseline(db);
            markDone(db.getName());
            return;
        }
        if (plan.recordOnly()) {
            recordSchema(log);
            markDone(db.getName());
            return;
        }
        busy.put(db.getName(), Set.copyOf(plan.entities().keySet()));
        boolean waited = false;
        while (!acquire(log)) {
            if (!waited) {
                Document holder = log.find(Filters.eq("_id", "lease")).first();
                LOG.info(
                        "{}: waiting for {} to finish migrating it",
                        db.getName(),
                        holder == null ? "another instance" : holder.getString("owner"));
                waited = true;
            }
            sleep(POLL);
            if (plan(db).upToDate()) {
                markDone(db.getName());
                return;
            }
        }
        try {
            Plan current = plan(db); // what another instance did before we held the lease counts
            if (!current.upToDate()) {
                run(db, current);
            }
        } finally {
            log.deleteOne(new Document("_id", "lease").append("owner", instance));
        }
        markDone(db.getName());
    }

    /**
     * Checks that a request may use {@code entity} in {@code db}: at once when the database is up to date; else a
     * 503 with {@code Retry-After} while it is being brought in line (the run is started in the background if this
     * instance did not start it), or when it cannot be. Returns whether the whole database is up to date (only then
     * are its indexes made: a new unique index waits for the migration that removes duplicates).
     */
    boolean ready(MongoDatabase db, EntityDescriptor entity) {
        if (schema == null || done.containsKey(db.getName())) {
            return true;
        }
        String name = db.getName();
        String failure = failed.get(name);
        if (failure != null) {
            throw unavailable();
        }
        Set<String> touched = busy.get(name);
        if (touched == null) {
            Plan plan;
            try {
                plan = plan(db);
            } catch (RuntimeException e) {
                failed.put(name, String.valueOf(e.getMessage()));
                LOG.error("{}: cannot be migrated, its requests are refused: {}", name, e.getMessage());
                throw unavailable();
            }
            if (plan.upToDate()) {
                markDone(name);
                return true;
            }
            if (!plan.recorded()) {
                baseline(db);
                markDone(name);
                return true;
            }
            if (plan.recordOnly()) {
                recordSchema(db.getCollection(COLLECTION));
                markDone(name);
                return true;
            }
            touched = Set.copyOf(plan.entities().keySet());
            if (busy.putIfAbsent(name, touched) == null) {
                background.execute(() -> {
                    try {
                        migrate(db);
                    } catch (RuntimeException e) {
                        failed.put(name, String.valueOf(e.getMessage()));
                        LOG.error("{}: migration failed, its requests are refused: {}", name, e.getMessage());
                    }
                });
            }
        }
        if (touched.contains(entity.name())) {
            throw unavailable();
        }
        return false;
    }

    /** Stops the background runs (they resume at the next start). */
    void close() {
        background.shutdownNow();
    }

    private void markDone(String db) {
        done.put(db, Boolean.TRUE);
        busy.remove(db);
    }

    private static ApiException unavailable() {
        return new ApiException(
                        503,
                        "Service Unavailable",
                        "This organisation's data is being brought in line with a new version of the service")
                .retryAfter(5);
    }

    // A database without a record: taken as matching the schema, every installed migration as applied.
    private void baseline(MongoDatabase db) {
        MongoCollection<Document> log = db.getCollection(COLLECTION);
        boolean holdsData = schema.entities().values().stream()
                .anyMatch(e -> db.getCollection(DataSchema.collection(e)).find().first() != null);
        if (holdsData) {
            LOG.warn(
                    "{} has documents but no record of the schema they follow (written before this runtime kept"
                            + " one): taken as following the current spec",
                    db.getName());
        }
        Date now = Date.from(clock.instant());
        for (Migration m : installed) {
            insertIfAbsent(
                    log,
                    new Document("_id", m.id())
                            .append("appliedAt", now)
                            .append("by", instance)
                            .append("baseline", true));
        }
        insertIfAbsent(log, record(List.of(), now));
    }

    private Document record(List<?> previous, Date now) {
        List<Object> history = new ArrayList<>(previous);
        history.remove(schema.hash());
        history.add(schema.hash());
        return new Document("_id", "schema")
                .append("hash", schema.hash())
                .append("schema", schema.canonical())
                .append("history", history)
                .append("updatedAt", now);
    }

    // The record moves to this schema, keeping the hashes before it.
    private void recordSchema(MongoCollection<Document> log) {
        Document before = log.find(Filters.eq("_id", "schema")).first();
        List<String> history = before == null ? List.of() : before.getList("history", String.class, List.of());
        log.replaceOne(
                Filters.eq("_id", "schema"),
                record(history, Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
    }

    private static void insertIfAbsent(MongoCollection<Document> log, Document doc) {
        try {
            log.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    // The lease: free (none, or run out), or ours already.
    private boolean acquire(MongoCollection<Document> log) {
        Date now = Date.from(clock.instant());
        Document mine = new Document("owner", instance)
                .append("until", Date.from(clock.instant().plus(lease)));
        long taken = log.updateOne(
                        Filters.and(
                                Filters.eq("_id", "lease"),
                                Filters.or(Filters.lt("until", now), Filters.eq("owner", instance))),
                        new Document("$set", mine))
                .getMatchedCount();
        if (taken == 1) {
            return true;
        }
        try {
            Document lease = new Document("_id", "lease");
            lease.putAll(mine);
            log.insertOne(lease);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private void renew(MongoCollection<Document> log) {
        if (!acquire(log)) {
            throw new MigrationFailedException("lost the migration lease to another instance (a batch took longer"
                    + " than MIGRATION_LEASE_SECONDS): it goes on from the last batch recorded");
        }
    }

    private void run(MongoDatabase db, Plan plan) {
        MongoCollection<Document> log = db.getCollection(COLLECTION);
        List<String> steps = plan.pending().stream().map(Migration::id).toList();
        Document run = log.find(Filters.eq("_id", "run")).first();
        Date now = Date.from(clock.instant());
        if (run == null
                || !schema.hash().equals(run.getString("target"))
                || !steps.equals(run.getList("migrations", String.class))) {
            run = new Document("_id", "run")
                    .append("target", schema.hash())
                    .append("from", plan.stored())
                    .append("migrations", steps)
                    .append("entities", new Document())
                    .append("startedAt", now)
                    .append("by", instance)
                    .append("resumes", 0);
            log.replaceOne(Filters.eq("_id", "run"), run, new ReplaceOptions().upsert(true));
            LOG.info(
                    "{}: migrating {} with {}",
                    db.getName(),
                    plan.entities().keySet(),
                    steps.isEmpty() ? "defaults" : steps);
        } else {
            log.updateOne(
                    Filters.eq("_id", "run"),
                    new Document("$inc", new Document("resumes", 1)).append("$set", new Document("by", instance)));
            LOG.info("{}: resuming the migration to {} left by {}", db.getName(), schema, run.getString("by"));
        }
        Document progress = run.get("entities", Document.class);
        Map<String, Long> changedBy = new LinkedHashMap<>();
        for (Map.Entry<String, String> entity : plan.entities().entrySet()) {
            Document state = progress.get(entity.getKey(), Document.class);
            if (state != null && state.getBoolean("done", false)) {
                continue;
            }
            pass(db, log, entity.getKey(), entity.getValue(), plan, state, changedBy);
        }
        now = Date.from(clock.instant());
        for (Migration m : plan.pending()) {
            insertIfAbsent(
                    log,
                    new Document("_id", m.id())
                            .append("appliedAt", now)
                            .append("by", instance)
                            .append("schema", schema.hash())
                            .append("entity", m.entity())
                            .append("changed", changedBy.getOrDefault(m.id(), 0L)));
        }
        recordSchema(log);
        log.deleteOne(Filters.eq("_id", "run"));
        LOG.info("{}: documents follow the schema {}", db.getName(), schema);
    }

    // One pass over an entity's documents, after the last _id recorded.
    private void pass(
            MongoDatabase db,
            MongoCollection<Document> log,
            String entity,
            String collectionName,
            Plan plan,
            Document state,
            Map<String, Long> changedBy) {
        MongoCollection<Document> collection = db.getCollection(collectionName);
        List<Migration> steps =
                plan.pending().stream().filter(m -> m.entity().equals(entity)).toList();
        List<SchemaChanges.Change> backfills = plan.changes().stream()
                .filter(c -> c.entity().equals(entity) && c.need() == SchemaChanges.Need.BACKFILL)
                .toList();
        Set<String> checked = new LinkedHashSet<>();
        plan.changes().stream()
                .filter(c -> c.entity().equals(entity) && c.field() != null)
                .forEach(c -> checked.add(c.field()));
        steps.forEach(m -> checked.addAll(m.fields()));
        Map<String, com.fasterxml.jackson.databind.JsonNode> fields =
                schema.entity(entity).map(DataSchema::fields).orElse(Map.of());
        Object last = state == null ? null : state.get("lastId");
        long documents = state == null ? 0 : state.get("documents", 0L);
        long batches = state == null ? 0 : state.get("batches", 0L);
        while (true) {
            List<Document> batch = new ArrayList<>();
            collection
                    .find(last == null ? new Document() : Filters.gt("_id", last))
                    .sort(Sorts.ascending("_id"))
                    .limit(batchSize)
                    .into(batch);
            if (batch.isEmpty()) {
                break;
            }
            for (Document stored : batch) {
                one(collection, stored, steps, backfills, fields, checked, changedBy);
            }
            last = batch.get(batch.size() - 1).get("_id");
            documents += batch.size();
            batches++;
            renew(log);
            log.updateOne(
                    Filters.eq("_id", "run"),
                    new Document(
                            "$set",
                            new Document(
                                            "entities." + entity,
                                            new Document("lastId", last)
                                                    .append("documents", documents)
                                                    .append("batches", batches)
                                                    .append("done", false))
                                    .append("heartbeat", Date.from(clock.instant()))));
        }
        log.updateOne(
                Filters.eq("_id", "run"),
                new Document(
                        "$set",
                        new Document(
                                "entities." + entity,
                                new Document("lastId", last)
                                        .append("documents", documents)
                                        .append("batches", batches)
                                        .append("done", true))));
    }

    // One document through the steps; written back with a new version if nobody wrote it meanwhile, else read again.
    private void one(
            MongoCollection<Document> collection,
            Document stored,
            List<Migration> steps,
            List<SchemaChanges.Change> backfills,
            Map<String, com.fasterxml.jackson.databind.JsonNode> fields,
            Set<String> checked,
            Map<String, Long> changedBy) {
        Document current = stored;
        for (int attempt = 1; attempt <= 10; attempt++) {
            Document doc = copy(current);
            Set<String> by = new LinkedHashSet<>();
            for (Migration m : steps) {
                Document before = copy(doc);
                Document result;
                try {
                    result = m.migrate(doc);
                } catch (RuntimeException e) {
                    throw new MigrationFailedException(
                            m.id() + " failed on document " + stored.get("_id") + " of "
                                    + collection.getNamespace().getCollectionName() + ": " + e,
                            e);
                }
                if (result == null || !result.equals(before)) {
                    by.add(m.id());
                }
                doc = result;
                if (doc == null) {
                    break;
                }
            }
            if (doc != null) {
                for (SchemaChanges.Change fill : backfills) {
                    StoredValues.backfill(doc, fill.path(), fill.fill());
                }
                for (String field : KEPT) {
                    if (current.containsKey(field)) {
                        doc.put(field, current.get(field));
                    } else {
                        doc.remove(field);
                    }
                }
                for (String field : checked) {
                    if (fields.containsKey(field)) {
                        String problem = StoredValues.problem(doc.get(field), fields.get(field));
                        if (problem != null) {
                            throw new MigrationFailedException("after the migration, " + field + " of document "
                                    + stored.get("_id") + " in "
                                    + collection.getNamespace().getCollectionName() + " "
                                    + problem + ": the schema does not allow it ("
                                    + (by.isEmpty() ? "no migration" : String.join(", ", by)) + " left it so)");
                        }
                    }
                }
                if (doc.equals(current)) {
                    return;
                }
            }
            Document filter =
                    Writes.and(new Document("_id", current.get("_id")), Versions.filter(List.of(Versions.of(current))));
            boolean written;
            if (doc == null) {
                written = collection.deleteOne(filter).getDeletedCount() == 1;
            } else {
                doc.put(Versions.FIELD, Versions.of(current) + 1);
                written = collection.replaceOne(filter, doc).getMatchedCount() == 1;
            }
            if (written) {
                by.forEach(id -> changedBy.merge(id, 1L, Long::sum));
                return;
            }
            current = collection.find(Filters.eq("_id", stored.get("_id"))).first();
            if (current == null) {
                return; // deleted meanwhile
            }
        }
        throw new MigrationFailedException("document " + stored.get("_id") + " of "
                + collection.getNamespace().getCollectionName() + " kept changing while it was migrated");
    }

    private static final List<String> KEPT =
            List.of("_id", Versions.FIELD, "createdAt", "createdBy", "updatedAt", "updatedBy", Writes.DELETING);

    // A deep copy with every BSON type kept (through the encoding itself).
    private static Document copy(Document doc) {
        DocumentCodec codec = new DocumentCodec();
        return new RawBsonDocument(doc, codec).decode(codec);
    }

    private static boolean covers(Migration m, SchemaChanges.Change change) {
        return m.entity().equals(change.entity())
                && (change.field() == null || m.fields().contains(change.field()));
    }

    // Where an entity's documents are now: in the collection of the stored schema (a removed or renamed one's old
    // place), else of this one.
    private String collection(DataSchema stored, String entity) {
        return stored.entity(entity)
                .or(() -> schema.entity(entity))
                .map(DataSchema::collection)
                .orElseThrow();
    }

    private static List<Migration> ordered(List<Migration> migrations) {
        Map<Integer, Migration> byNumber = new java.util.TreeMap<>();
        for (Migration m : migrations) {
            Matcher id = ID.matcher(m.id());
            if (!id.matches()) {
                throw new IllegalStateException("migration " + m.getClass().getName() + " has the id '" + m.id()
                        + "': a migration is named V<number>__<Name>, like V2__AddReporter");
            }
            Migration other = byNumber.put(Integer.parseInt(id.group(1)), m);
            if (other != null) {
                throw new IllegalStateException("migrations " + other.id() + " and " + m.id()
                        + " have the same number: each number orders one migration");
            }
        }
        List<Migration> out = new ArrayList<>(byNumber.values());
        out.sort(
                Comparator.comparingInt(m -> Integer.parseInt(ID.matcher(m.id()).replaceAll("$1"))));
        return List.copyOf(out);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationFailedException("interrupted while waiting for another instance to migrate", e);
        }
    }
}
