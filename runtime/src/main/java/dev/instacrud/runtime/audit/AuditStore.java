package dev.instacrud.runtime.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import dev.instacrud.runtime.context.RequestContext;
import dev.instacrud.runtime.log.LogSanitizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The {@code audit} collection of one organisation database: appends records, reads pages of them newest first,
 * and removes those past the retention ({@code AUDIT_RETENTION_DAYS}: each record carries its {@code expiresAt},
 * which a real MongoDB's TTL index removes and {@link #sweep} removes on the embedded server). A record:
 * {@code _id}, {@code at}, {@code action}, {@code actor}, {@code entity}, {@code entityId}, {@code fields}, {@code
 * details}, {@code requestId}, {@code ip}, {@code expiresAt}. Nothing here updates a record.
 */
public final class AuditStore {
    /** The collection, in each organisation's database. */
    public static final String COLLECTION = "audit";

    private final Clock clock;
    private final Duration retention;

    /**
     * @param retention how long a record is kept; zero keeps it for ever
     */
    public AuditStore(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /** The indexes the reads need, and the TTL index of the retention; idempotent. */
    public void createIndexes(MongoDatabase db) {
        collection(db)
                .createIndexes(List.of(
                        new IndexModel(new Document("at", -1).append("_id", -1), new IndexOptions().name("at_-1")),
                        new IndexModel(
                                new Document("actor", 1).append("at", -1), new IndexOptions().name("actor_1_at_-1")),
                        new IndexModel(
                                new Document("entity", 1).append("entityId", 1).append("at", -1),
                                new IndexOptions().name("entity_1_entityId_1_at_-1")),
                        new IndexModel(
                                new Document("action", 1).append("at", -1), new IndexOptions().name("action_1_at_-1")),
                        new IndexModel(
                                new Document("expiresAt", 1),
                                new IndexOptions().name("expiresAt_ttl").expireAfter(0L, TimeUnit.SECONDS))));
    }

    /** Appends one record. */
    public void append(MongoDatabase db, AuditEvent event) {
        collection(db).insertOne(document(event, new Date(clock.millis())));
    }

    /** Appends several records written at one instant (the documents of one cascade), in order. */
    public void appendAll(MongoDatabase db, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Date now = new Date(clock.millis());
        List<Document> documents = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            documents.add(document(event, now));
        }
        collection(db).insertMany(documents);
    }

    private Document document(AuditEvent event, Date at) {
        Document doc = new Document("_id", new ObjectId())
                .append("at", at)
                .append("action", event.action().wireName())
                .append("actor", event.actor())
                .append("entity", event.entity())
                .append("entityId", event.entityId())
                .append("fields", event.fields())
                .append("details", new Document(new LinkedHashMap<>(event.details())))
                .append(
                        "requestId",
                        event.requestId() != null
                                ? event.requestId()
                                : RequestContext.requestId().orElse(null))
                .append("ip", event.ip());
        if (!retention.isZero()) {
            doc.append("expiresAt", new Date(at.getTime() + retention.toMillis()));
        }
        return doc;
    }

    /** One page of records matching the query, newest first. */
    public AuditLog.AuditPage find(MongoDatabase db, AuditQuery query) {
        Bson filter = filter(query);
        MongoCollection<Document> audit = collection(db);
        long total = audit.countDocuments(filter);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Document doc : audit.find(filter)
                .sort(Sorts.descending("at", "_id"))
                .skip(query.offset())
                .limit(query.limit())) {
            items.add(json(doc));
        }
        return new AuditLog.AuditPage(items, query.offset(), query.limit(), total);
    }

    private Bson filter(AuditQuery query) {
        List<Bson> clauses = new ArrayList<>();
        // past its retention is gone, whether or not a TTL monitor or a sweep removed it yet
        clauses.add(Filters.or(Filters.exists("expiresAt", false), Filters.gt("expiresAt", new Date(clock.millis()))));
        if (query.actor() != null) {
            clauses.add(Filters.eq("actor", query.actor()));
        }
        if (query.entity() != null) {
            clauses.add(Filters.eq("entity", query.entity()));
        }
        if (query.entityId() != null) {
            clauses.add(Filters.eq("entityId", query.entityId()));
        }
        if (query.action() != null) {
            clauses.add(Filters.eq("action", query.action().wireName()));
        }
        if (query.from() != null) {
            clauses.add(Filters.gte("at", Date.from(query.from())));
        }
        if (query.to() != null) {
            clauses.add(Filters.lt("at", Date.from(query.to())));
        }
        return Filters.and(clauses);
    }

    /** A record as the API shows it. */
    static Map<String, Object> json(Document doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", doc.getObjectId("_id").toHexString());
        out.put("at", doc.getDate("at").toInstant().toString());
        out.put("action", doc.getString("action"));
        out.put("actor", doc.getString("actor"));
        out.put("entity", doc.getString("entity"));
        out.put("entityId", doc.getString("entityId"));
        out.put("fields", doc.getList("fields", String.class, List.of()));
        Map<String, Object> details = new LinkedHashMap<>();
        Document stored = doc.get("details", Document.class);
        if (stored != null) {
            stored.forEach((key, value) -> details.put(key, value == null ? null : String.valueOf(value)));
        }
        out.put("details", details);
        out.put("requestId", doc.getString("requestId"));
        out.put("ip", doc.getString("ip"));
        return out;
    }

    /** Removes the records past their retention now; how many. */
    public long sweep(MongoDatabase db) {
        return collection(db)
                .deleteMany(Filters.lte("expiresAt", new Date(clock.millis())))
                .getDeletedCount();
    }

    /** The event as one safe log line (for when it cannot be stored, or there is no store). */
    public static String sanitizedSummary(AuditEvent event) {
        return LogSanitizer.value(event.summary());
    }

    private static MongoCollection<Document> collection(MongoDatabase db) {
        return db.getCollection(COLLECTION);
    }
}
