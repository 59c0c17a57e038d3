package dev.instacrud.runtime.data;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import dev.instacrud.runtime.audit.AuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * Creates each tenant database's indexes once, before its first use: a unique index per unique field, and for
 * a production MongoDB (the embedded server ignores non-unique ones) {@code userId} on user-scoped collections,
 * every ref field, every searchable field ({@code search_<field>}), {@code createdAt} and {@code updatedAt}; and
 * those of the organisation's audit log ({@link AuditStore#createIndexes}).
 *
 * <p>A unique field is unique in the organisation ({@code unique_<field>}, sparse on the field) or, for a
 * user-scoped entity, per user ({@code unique_<field>_per_user}, see {@link UniqueOwners}). A database made by
 * an earlier version has the organisation-wide index on a user-scoped field: its documents get their owner
 * copies, the per-user index is created, and only then is the old one dropped by name, so a value is never
 * without an index.
 *
 * <p>Only the first requests of the same database wait for the creation (no shared lock is held while talking
 * to a server: one organisation's unreachable database never holds up another's); a failure leaves the
 * database to be tried again by its next request.
 */
final class Indexes {
    private final EntityRegistry registry;
    private final AuditStore audit;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    Indexes(EntityRegistry registry, AuditStore audit) {
        this.registry = registry;
        this.audit = audit;
    }

    /** Forgets a database, so its indexes are created again on next use (its server changed). */
    void forget(String databaseName) {
        done.remove(databaseName);
    }

    /** The name of the unique index of {@code field}: the 409's way back to the field. */
    static String uniqueName(EntityDescriptor entity, String field) {
        return entity.scope() == EntityDescriptor.Scope.USER ? "unique_" + field + "_per_user" : "unique_" + field;
    }

    void ensure(MongoDatabase db) {
        String name = db.getName();
        if (done.contains(name)) {
            return;
        }
        synchronized (locks.computeIfAbsent(name, n -> new Object())) {
            if (done.contains(name)) {
                return;
            }
            MongoErrors.call(null, () -> {
                for (EntityDescriptor entity : registry.all()) {
                    MongoCollection<Document> collection = db.getCollection(entity.collection());
                    List<String> outdated = outdatedUniqueIndexes(entity, collection);
                    outdated.forEach(field -> stampOwners(collection, field));
                    collection.createIndexes(models(entity));
                    outdated.forEach(field -> collection.dropIndex("unique_" + field));
                }
                audit.createIndexes(db);
                return null;
            });
            done.add(name);
        }
    }

    static List<IndexModel> models(EntityDescriptor entity) {
        List<IndexModel> models = new ArrayList<>();
        for (String field : entity.uniqueFields()) {
            Document keys = entity.scope() == EntityDescriptor.Scope.USER
                    ? new Document(UniqueOwners.path(field), 1).append(field, 1)
                    : new Document(field, 1);
            models.add(new IndexModel(
                    keys,
                    new IndexOptions()
                            .name(uniqueName(entity, field))
                            .unique(true)
                            .sparse(true)));
        }
        if (entity.scope() == EntityDescriptor.Scope.USER) {
            models.add(new IndexModel(new Document("userId", 1), new IndexOptions().name("userId_1")));
        }
        for (EntityDescriptor.Ref ref : entity.refs()) {
            models.add(new IndexModel(new Document(ref.field(), 1), new IndexOptions().name("ref_" + ref.field())));
        }
        for (String field : entity.searchableFields()) {
            // a case-insensitive search scans this index's keys instead of the documents
            models.add(new IndexModel(new Document(field, 1), new IndexOptions().name("search_" + field)));
        }
        models.add(new IndexModel(new Document("createdAt", 1), new IndexOptions().name("createdAt_1")));
        models.add(new IndexModel(new Document("updatedAt", 1), new IndexOptions().name("updatedAt_1")));
        return models;
    }

    // The unique fields of a user-scoped entity that still have the organisation-wide index of earlier versions.
    private static List<String> outdatedUniqueIndexes(EntityDescriptor entity, MongoCollection<Document> collection) {
        if (entity.scope() != EntityDescriptor.Scope.USER
                || entity.uniqueFields().isEmpty()) {
            return List.of();
        }
        Set<String> names = new java.util.HashSet<>();
        collection.listIndexes().forEach(index -> names.add(index.getString("name")));
        return entity.uniqueFields().stream()
                .filter(field -> names.contains("unique_" + field))
                .toList();
    }

    // One update per owner, not per document: every document with the field gets its owner's copy.
    private static void stampOwners(MongoCollection<Document> collection, String field) {
        Document unstamped = new Document(field, new Document("$exists", true))
                .append(UniqueOwners.path(field), new Document("$exists", false));
        for (BsonValue owner : collection.distinct("userId", unstamped, BsonValue.class)) {
            collection.updateMany(
                    new Document(unstamped).append("userId", owner),
                    new Document("$set", new Document(UniqueOwners.path(field), owner)));
        }
    }
}
