package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A delete that follows every incoming ref's {@code onDelete}. The root arrives marked by {@link Repository#delete}
 * (its version checked); every document a cascade reaches is marked too before anything looks further ({@link
 * ForeignKeys} says why). Then the whole plan is worked out (following cascades transitively, cycles included) and
 * any {@code restrict} hit refuses the delete with a 409 and removes its marks before anything else is written;
 * then refs are emptied (with the audit pair and a new version) and the documents deleted, cascaded ones before the
 * root. Without transactions (the embedded server has none) a crash in the middle can leave part of a cascade
 * done; each step is a single-collection operation, every write going through {@link Writes}.
 *
 * <p>Referential integrity is organisation-wide: another user's private document that refers to a shared
 * one is emptied or deleted with it. It never restricts: {@link EntityRegistry} refuses a private ref to a
 * shared entity that restricts, or that cascades into a restrict, so a 409 only ever comes from documents
 * the caller can see, and the answer to deleting a shared document never depends on other users' private
 * ones. The 409 names only the referencing collection.
 */
final class Deletes {
    private final EntityRegistry registry;
    private final Writes writes;

    Deletes(EntityRegistry registry, Writes writes) {
        this.registry = registry;
        this.writes = writes;
    }

    private record SetNull(EntityDescriptor source, EntityDescriptor.Ref ref, Set<ObjectId> targets) {}

    /**
     * Deletes {@code id} of {@code root} and what its refs' rules reach, done for {@code user} (whose scope it is)
     * and recorded as done by {@code actor} (the same, or an administrator removing the owner of the private
     * documents): the root is claimed (marked) first, whatever its version.
     */
    void claimAndDelete(MongoDatabase db, EntityDescriptor root, CurrentUser user, ObjectId id, CurrentUser actor) {
        ObjectId delete = new ObjectId();
        if (writes.mark(db, root, user, Scoping.byId(root, user, id), delete) == 1) {
            delete(db, root, user, id, delete, actor);
        }
    }

    /**
     * Deletes {@code id} of {@code root}, already marked by {@code delete}, and what its refs' rules reach, recorded
     * as done by {@code actor}.
     */
    void delete(
            MongoDatabase db,
            EntityDescriptor root,
            CurrentUser user,
            ObjectId id,
            ObjectId delete,
            CurrentUser actor) {
        Map<EntityDescriptor, Set<ObjectId>> doomed = new LinkedHashMap<>();
        List<SetNull> nulls = new ArrayList<>();
        Deque<Map.Entry<EntityDescriptor, Set<ObjectId>>> work = new ArrayDeque<>();
        doomed.computeIfAbsent(root, k -> new HashSet<>()).add(id);
        work.add(Map.entry(root, Set.of(id)));
        while (!work.isEmpty()) {
            Map.Entry<EntityDescriptor, Set<ObjectId>> next = work.poll();
            for (EntityRegistry.Incoming in : registry.referencing(next.getKey().name())) {
                EntityDescriptor source = in.source();
                EntityDescriptor.Ref ref = in.ref();
                Document refers = new Document(ref.field(), new Document("$in", List.copyOf(next.getValue())));
                switch (ref.onDelete()) {
                    case RESTRICT -> {
                        // a document that is itself being deleted (a self-reference, a cascade) does not restrict
                        Document others = new Document(
                                "$and",
                                List.of(
                                        refers,
                                        new Document(
                                                "_id",
                                                new Document(
                                                        "$nin", List.copyOf(doomed.getOrDefault(source, Set.of()))))));
                        if (db.getCollection(source.collection())
                                        .find(others)
                                        .projection(Projections.include("_id"))
                                        .first()
                                != null) {
                            doomed.keySet().forEach(marked -> writes.unmark(db, marked, user, delete));
                            throw new ApiException(
                                    409,
                                    "Conflict",
                                    "Cannot delete: still referenced by " + source.collection(),
                                    List.of(ErrorDetail.of(
                                            "referenced by " + source.collection() + "." + ref.field(),
                                            "foreign_key_restrict",
                                            "path",
                                            "id")));
                        }
                    }
                    case CASCADE -> {
                        Set<ObjectId> fresh = new HashSet<>();
                        Set<ObjectId> already = doomed.computeIfAbsent(source, k -> new HashSet<>());
                        db.getCollection(source.collection())
                                .find(refers)
                                .projection(Projections.include("_id"))
                                .forEach(d -> {
                                    if (already.add(d.getObjectId("_id"))) {
                                        fresh.add(d.getObjectId("_id"));
                                    }
                                });
                        if (!fresh.isEmpty()) {
                            writes.mark(
                                    db,
                                    source,
                                    user,
                                    new Document("_id", new Document("$in", List.copyOf(fresh))),
                                    delete);
                            work.add(Map.entry(source, fresh));
                        }
                    }
                    case SET_NULL -> nulls.add(new SetNull(source, ref, next.getValue()));
                }
            }
        }
        List<EntityAudit.Emptied> emptied = new ArrayList<>();
        for (SetNull n : nulls) {
            List<ObjectId> targets = List.copyOf(n.targets());
            Document filter = new Document(n.ref().field(), new Document("$in", targets));
            Document change;
            if (n.ref().many()) {
                change = new Document("$pull", new Document(n.ref().field(), new Document("$in", targets)));
            } else {
                // unset rather than null: a stored null is a value, and would collide in a unique index
                Document unset = new Document(n.ref().field(), "");
                UniqueOwners.stamp(n.source(), new Document(), unset, null);
                change = new Document("$unset", unset);
            }
            emptied.add(writes.setNull(db, n.source(), user, n.ref().field(), filter, change));
        }
        List<Map.Entry<EntityDescriptor, Set<ObjectId>>> order = new ArrayList<>(doomed.entrySet());
        java.util.Collections.reverse(order); // cascaded documents first, the root last
        for (Map.Entry<EntityDescriptor, Set<ObjectId>> e : order) {
            Set<ObjectId> ids = new HashSet<>(e.getValue());
            if (e.getKey() == root) {
                ids.remove(id);
                writes.delete(db, root, ids);
                writes.delete(db, root, Scoping.byId(root, user, id));
            } else {
                writes.delete(db, e.getKey(), ids);
            }
        }
        writes.deleted(db, actor, root, id, doomed, emptied);
    }
}
