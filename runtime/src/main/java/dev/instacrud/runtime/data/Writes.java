package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.instacrud.runtime.context.CurrentUser;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Every write of an entity's documents, in one place: each is a single-document operation (or, for the many
 * documents a delete reaches, a single-collection one) that stamps the audit fields and increments {@code version}
 * in the same operation ({@link Versions}). {@link Repository} and {@link Deletes} write through nothing else, so a
 * record of each write (entity, ids, action, changed fields, caller) belongs here.
 *
 * <p>Each method returns what the store answered and decides nothing: a conditional write that matched no document
 * returns null (or 0), and the caller says whether that is a 404 or a 412.
 */
final class Writes {
    /** The mark of a document a delete is working on: {@code {by: <ObjectId of the delete>, at: <date>}}. */
    static final String DELETING = "_deleting";

    private final Audit audit;

    Writes(Audit audit) {
        this.audit = audit;
    }

    /** Inserts a new document: the creation and update pairs, version 1. */
    Document insert(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document doc) {
        audit.created(doc, user, audit.now());
        doc.put(Versions.FIELD, 1L);
        db.getCollection(entity.collection()).insertOne(doc);
        return doc;
    }

    /**
     * Sets {@code set} and removes {@code unset} (field names, or dotted paths into embedded documents) in the one
     * document {@code filter} matches, with the update pair and the next version, in one atomic update. Returns the
     * stored document, or null when none matched.
     */
    Document update(
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

    /** Removes the marks a delete that was refused ({@code delete}) put on this entity's documents. */
    void unmark(MongoDatabase db, EntityDescriptor entity, CurrentUser user, ObjectId delete) {
        updateMany(
                db,
                entity,
                user,
                new Document(DELETING + ".by", delete),
                new Document("$unset", new Document(DELETING, "")));
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
