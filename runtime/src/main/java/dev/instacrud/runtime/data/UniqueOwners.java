package dev.instacrud.runtime.data;

import org.bson.Document;

/**
 * What makes a unique field of a user-scoped entity unique per user. The index MongoDB would take, unique on
 * {@code (userId, field)} partial to documents that have the field, is not one the embedded server honours (it
 * ignores {@code partialFilterExpression}), and a sparse compound index skips only documents that lack every
 * key, which {@code userId} never is. So a document also holds, under {@code _owners.<field>}, a copy of its
 * {@code userId} exactly while it has the field, and the index is sparse and compound on {@code
 * (_owners.<field>, field)}: a value collides only with the same user's documents, and a document without a
 * value collides with nothing, on every server.
 *
 * <p>The copy is written only here and dropped from client bodies ({@link EntityDescriptor#RESERVED}); no
 * generated mapping reads it.
 */
final class UniqueOwners {
    /** The stored field holding the copies. */
    static final String FIELD = "_owners";

    private UniqueOwners() {}

    /** The path of the copy that goes with {@code field}. */
    static String path(String field) {
        return FIELD + "." + field;
    }

    /** Stamps a whole document about to be inserted or to replace another, owned by {@code userId}. */
    static void stamp(EntityDescriptor entity, Document doc, Object userId) {
        doc.remove(FIELD);
        if (entity.scope() != EntityDescriptor.Scope.USER) {
            return;
        }
        Document owners = new Document();
        for (String field : entity.uniqueFields()) {
            if (doc.containsKey(field)) {
                owners.append(field, userId);
            }
        }
        if (!owners.isEmpty()) {
            doc.put(FIELD, owners);
        }
    }

    /** Adds the copies to a partial update's {@code $set} and {@code $unset} of a document of {@code userId}. */
    static void stamp(EntityDescriptor entity, Document set, Document unset, Object userId) {
        if (entity.scope() != EntityDescriptor.Scope.USER) {
            return;
        }
        for (String field : entity.uniqueFields()) {
            if (set.containsKey(field)) {
                set.put(path(field), userId);
            } else if (unset.containsKey(field)) {
                unset.put(path(field), "");
            }
        }
    }
}
