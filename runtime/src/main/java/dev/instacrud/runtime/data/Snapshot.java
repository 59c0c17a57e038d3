package dev.instacrud.runtime.data;

import dev.instacrud.runtime.GeneratedCodeApi;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A document as one request read it before changing it ({@link Repository#current}): what a merge patch applies
 * to, and the version a write of that request is checked against. Immutable; the document is a copy.
 */
@GeneratedCodeApi
public final class Snapshot {
    private final EntityDescriptor entity;
    private final Document document;

    Snapshot(EntityDescriptor entity, Document document) {
        this.entity = entity;
        this.document = new Document(document);
    }

    /** The document's id, as hex. */
    public String id() {
        return objectId().toHexString();
    }

    /** The version it was read at (0 for a document written before versions existed). */
    public long version() {
        return Versions.of(document);
    }

    /** The stored document, as read (a copy: changing it changes nothing stored). */
    public Document document() {
        return new Document(document);
    }

    ObjectId objectId() {
        return document.getObjectId("_id");
    }

    EntityDescriptor entity() {
        return entity;
    }

    /** The stored value of a field, as read. */
    Object get(String field) {
        return document.get(field);
    }
}
