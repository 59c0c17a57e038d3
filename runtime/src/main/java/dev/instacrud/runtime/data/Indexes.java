package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * Creates each tenant database's indexes once, before its first use: a sparse unique index per unique
 * field ({@code unique_<field>}), and for a production MongoDB (the embedded server ignores non-unique
 * ones) {@code userId} on user-scoped collections, every ref field, {@code createdAt} and {@code
 * updatedAt}. A concurrent first use waits for the creation, so no write precedes the unique indexes.
 */
final class Indexes {
    private final EntityRegistry registry;
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();

    Indexes(EntityRegistry registry) {
        this.registry = registry;
    }

    /** Forgets a database, so its indexes are created again on next use (its server changed). */
    void forget(String databaseName) {
        done.remove(databaseName);
    }

    static String uniqueName(String field) {
        return "unique_" + field;
    }

    void ensure(MongoDatabase db) {
        // computeIfAbsent blocks other callers for the same database until it returns; a failure leaves no
        // mapping, so the next request retries
        done.computeIfAbsent(db.getName(), name -> {
            MongoErrors.call(null, () -> {
                for (EntityDescriptor entity : registry.all()) {
                    db.getCollection(entity.collection()).createIndexes(models(entity));
                }
                return null;
            });
            return Boolean.TRUE;
        });
    }

    static List<IndexModel> models(EntityDescriptor entity) {
        List<IndexModel> models = new ArrayList<>();
        for (String field : entity.uniqueFields()) {
            models.add(new IndexModel(
                    new Document(field, 1),
                    new IndexOptions().name(uniqueName(field)).unique(true).sparse(true)));
        }
        if (entity.scope() == EntityDescriptor.Scope.USER) {
            models.add(new IndexModel(new Document("userId", 1), new IndexOptions().name("userId_1")));
        }
        for (EntityDescriptor.Ref ref : entity.refs()) {
            models.add(new IndexModel(new Document(ref.field(), 1), new IndexOptions().name("ref_" + ref.field())));
        }
        models.add(new IndexModel(new Document("createdAt", 1), new IndexOptions().name("createdAt_1")));
        models.add(new IndexModel(new Document("updatedAt", 1), new IndexOptions().name("updatedAt_1")));
        return models;
    }
}
