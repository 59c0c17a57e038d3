package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.context.CurrentUser;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Every write of an entity's documents, in one place: each is a single-document operation (or, for the many
 * documents a delete reaches, a single-collection one) that stamps the audit fields and increments {@code version}
 * in the same operation ({@link Versions}). {@link Repository} and {@link Deletes} write through nothing else, so a
 * record of each write (entity, ids, action, changed fields, caller) belongs here.
 *
 * <p>A change of one document is a replace conditional on the version it was computed from, so this class knows
 * the stored result without asking the server for it: the embedded server can hand a concurrent {@code
 * findOneAndUpdate} another operation's post-image (two concurrent patches got the same version back), while the
 * match of a conditional write is decided under its collection lock, on it as on MongoDB. Each method returns what
 * the store answered and decides nothing: a conditional write that matched no document returns null (or 0), and
 * the caller says whether that is a 404, a 412 or a retry.
 */
final class Writes {
    /** The mark of a document a delete is working on: {@code {by: <ObjectId of the delete>, at: <date>}}. */
    static final String DELETING = "_deleting";

    private static final List<String> KEPT_BY_A_REPLACE = List.of("userId", "createdAt", "createdBy", DELETING);

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
     * Replaces the document {@code base} was read from, only if it is still at {@code base}'s version: {@code content}
     * becomes its content, with the creation pair, owner and delete mark of {@code base}, the update pair, and the
     * next version. Returns the stored document, or null when it changed or went since {@code base} was read.
     */
    Document replace(
            MongoDatabase db,
            EntityDescriptor entity,
            CurrentUser user,
            Document scopedId,
            Snapshot base,
            Document content) {
        Document doc = new Document(content);
        for (String kept : KEPT_BY_A_REPLACE) {
            if (base.get(kept) != null) {
                doc.put(kept, base.get(kept));
            }
        }
        return store(db, entity, user, scopedId, base, doc);
    }

    /**
     * Sets {@code set} and removes {@code unset} (field names, or dotted paths into embedded documents) in the
     * document {@code base} was read from, only if it is still at {@code base}'s version, with the update pair and
     * the next version. Returns the stored document, or null when it changed or went since {@code base} was read.
     */
    Document update(
            MongoDatabase db,
            EntityDescriptor entity,
            CurrentUser user,
            Document scopedId,
            Snapshot base,
            Document set,
            Collection<String> unset) {
        Document doc = base.document();
        for (Map.Entry<String, Object> e : set.entrySet()) {
            put(doc, e.getKey(), e.getValue());
        }
        unset.forEach(path -> remove(doc, path));
        return store(db, entity, user, scopedId, base, doc);
    }

    private Document store(
            MongoDatabase db,
            EntityDescriptor entity,
            CurrentUser user,
            Document scopedId,
            Snapshot base,
            Document doc) {
        audit.updated(doc, user, audit.now());
        doc.put("_id", base.objectId());
        doc.put(Versions.FIELD, base.version() + 1);
        long matched = db.getCollection(entity.collection())
                .replaceOne(and(scopedId, Versions.filter(List.of(base.version()))), doc)
                .getMatchedCount();
        return matched == 1 ? doc : null;
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

    // a.b = v: into the embedded document a, made when missing
    private static void put(Document doc, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            doc.put(path, value);
            return;
        }
        String head = path.substring(0, dot);
        Document inner = doc.get(head) instanceof Document d ? new Document(d) : new Document();
        put(inner, path.substring(dot + 1), value);
        doc.put(head, inner);
    }

    private static void remove(Document doc, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            doc.remove(path);
            return;
        }
        String head = path.substring(0, dot);
        if (doc.get(head) instanceof Document d) {
            Document inner = new Document(d);
            remove(inner, path.substring(dot + 1));
            if (inner.isEmpty()) {
                doc.remove(head);
            } else {
                doc.put(head, inner);
            }
        }
    }
}
