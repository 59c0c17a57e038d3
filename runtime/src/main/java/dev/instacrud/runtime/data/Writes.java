package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.instacrud.runtime.context.CurrentUser;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Every write of an entity's documents, in one place: each is a single-document operation (or, for the many
 * documents a delete reaches, a single-collection one) that stamps the audit fields and increments {@code version}
 * in the same operation ({@link Versions}), and is recorded in the organisation's audit log ({@link EntityAudit}:
 * entity, id, action, the names of the fields written, caller, request). {@link Repository} and {@link Deletes} write
 * through nothing else.
 *
 * <p>Each method returns what the store answered and decides nothing: a conditional write that matched no document
 * returns null (or 0), and the caller says whether that is a 404 or a 412.
 */
final class Writes {
    /** The mark of a document a delete is working on: {@code {by: <ObjectId of the delete>, at: <date>}}. */
    static final String DELETING = "_deleting";

    private final Audit audit;
    private final EntityAudit records;

    Writes(Audit audit, EntityAudit records) {
        this.audit = audit;
        this.records = records;
    }

    /** Inserts a new document: the creation and update pairs, version 1. */
    Document insert(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document doc) {
        audit.created(doc, user, audit.now());
        doc.put(Versions.FIELD, 1L);
        db.getCollection(entity.collection()).insertOne(doc);
        records.created(db, entity, user, doc);
        return doc;
    }

    /**
     * Sets {@code set} and removes {@code unset} in the one document {@code filter} matches (a PATCH), in one atomic
     * update; see {@link #update}.
     */
    Document patch(
            MongoDatabase db,
            EntityDescriptor entity,
            CurrentUser user,
            Document filter,
            Document set,
            Collection<String> unset) {
        Document after = update(db, entity, user, filter, set, unset);
        if (after != null) {
            List<String> written = new java.util.ArrayList<>(set.keySet());
            written.addAll(unset);
            records.patched(db, entity, user, after.getObjectId("_id"), written);
        }
        return after;
    }

    /**
     * Sets every declared field of the one document {@code filter} matches (a PUT: {@code set}, and {@code unset}
     * for those the body left out), in one atomic update; recorded with the fields whose value differs from {@code
     * before}. See {@link #update}.
     */
    Document replace(
            MongoDatabase db,
            EntityDescriptor entity,
            CurrentUser user,
            Document filter,
            Document set,
            Collection<String> unset,
            Snapshot before) {
        Document after = update(db, entity, user, filter, set, unset);
        if (after != null) {
            records.replaced(db, entity, user, before.document(), after);
        }
        return after;
    }

    /**
     * Sets {@code set} and removes {@code unset} (field names, or dotted paths into embedded documents) in the one
     * document {@code filter} matches, with the update pair and the next version, in one atomic update. Returns the
     * stored document, or null when none matched.
     */
    private Document update(
            MongoDatabase db,
            EntityDescriptor entity,
            CurrentUser user,
            Document filter,
            Document set,
            Collection<String> unset) {
        Document values = new Document(set);
        audit.updated(values, user, audit.now());
        Document update = new Document("$set", values).append("$inc", Versions.increment());
        if (!unset.isEmpty()) {
            Document removals = new Document();
            unset.forEach(path -> removals.append(path, ""));
            update.append("$unset", removals);
        }
        return db.getCollection(entity.collection())
                .findOneAndUpdate(filter, update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /**
     * Applies {@code change} (operators such as {@code $unset} or {@code $pull}) to every document {@code filter}
     * matches, with the update pair and the next version: the refs a delete empties, a delete's marks. Returns how
     * many changed.
     */
    long updateMany(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document filter, Document change) {
        Document stamp = new Document();
        audit.updated(stamp, user, audit.now());
        Document update = new Document(change);
        Document set = update.get("$set") instanceof Document s ? new Document(s) : new Document();
        set.putAll(stamp);
        update.put("$set", set);
        update.put("$inc", Versions.increment());
        return db.getCollection(entity.collection()).updateMany(filter, update).getModifiedCount();
    }

    /**
     * Marks the documents {@code filter} matches as being deleted by {@code delete}, with the next version: ref
     * checks stop accepting them while the delete decides. Returns how many were marked.
     */
    long mark(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document filter, ObjectId delete) {
        Document mark = new Document("by", delete).append("at", audit.now());
        return updateMany(db, entity, user, filter, new Document("$set", new Document(DELETING, mark)));
    }

    /**
     * Empties the ref {@code field} of every document of {@code source} that {@code filter} matches ({@code change}:
     * an {@code $unset} or a {@code $pull}), with the update pair and the next version: a delete's set-null. Returns
     * the documents it emptied, for the delete's audit record.
     */
    EntityAudit.Emptied setNull(
            MongoDatabase db,
            EntityDescriptor source,
            CurrentUser user,
            String field,
            Document filter,
            Document change) {
        List<ObjectId> ids = EntityAudit.referring(db, source, filter);
        if (!ids.isEmpty()) {
            updateMany(db, source, user, and(new Document("_id", new Document("$in", ids)), filter), change);
        }
        return new EntityAudit.Emptied(source, field, ids);
    }

    /**
     * Records a delete done: its root, the documents its cascades deleted ({@code deleted}, the root among them) and
     * those it emptied, as done by {@code actor}.
     */
    void deleted(
            MongoDatabase db,
            CurrentUser actor,
            EntityDescriptor root,
            ObjectId rootId,
            Map<EntityDescriptor, ? extends Collection<ObjectId>> deleted,
            List<EntityAudit.Emptied> emptied) {
        records.deleted(db, actor, root, rootId, deleted, emptied);
    }

    /** Removes the marks a delete that was refused ({@code delete}) put on this entity's documents. */
    void unmark(MongoDatabase db, EntityDescriptor entity, CurrentUser user, ObjectId delete) {
        updateMany(
                db,
                entity,
                user,
                new Document(DELETING + ".by", delete),
                new Document("$unset", new Document(DELETING, "")));
    }

    /** Deletes a document this request just inserted, whose refs went while it was inserted; recorded as deleted. */
    void undoInsert(MongoDatabase db, EntityDescriptor entity, CurrentUser user, ObjectId id) {
        delete(db, entity, new Document("_id", id));
        records.deleted(db, user, entity, id, Map.of(entity, List.of(id)), List.of());
    }

    /** Deletes the documents with these ids. */
    void delete(MongoDatabase db, EntityDescriptor entity, Collection<ObjectId> ids) {
        if (!ids.isEmpty()) {
            delete(db, entity, new Document("_id", new Document("$in", List.copyOf(ids))));
        }
    }

    /** Deletes the documents {@code filter} matches. */
    void delete(MongoDatabase db, EntityDescriptor entity, Document filter) {
        db.getCollection(entity.collection()).deleteMany(filter);
    }

    /**
     * Both filters as one: their keys side by side when they share none (so {@code _id} stays a top-level key, which
     * the embedded server needs to use its index), else an {@code $and}.
     */
    static Document and(Document a, Document b) {
        Document merged = new Document(a);
        for (var e : b.entrySet()) {
            if (merged.containsKey(e.getKey())) {
                return new Document("$and", List.of(a, b));
            }
            merged.put(e.getKey(), e.getValue());
        }
        return merged;
    }
}
