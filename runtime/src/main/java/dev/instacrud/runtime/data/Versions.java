package dev.instacrud.runtime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

/**
 * The version every stored document carries: {@code version}, a long that an insert sets to 1 and every write of
 * the runtime increments ({@code $inc}, in the same single-document operation as the write). A document written
 * before versions existed has none and counts as version 0; its next write makes it 1.
 */
final class Versions {
    /** The stored field. */
    static final String FIELD = "version";

    private Versions() {}

    /** The version of a stored document: 0 when it has none. */
    static long of(Document doc) {
        return doc.get(FIELD) instanceof Number n ? n.longValue() : 0L;
    }

    /** The increment every update carries. */
    static Document increment() {
        return new Document(FIELD, 1L);
    }

    /** A filter matching documents at one of these versions (version 0: no version stored). */
    static Document filter(Collection<Long> versions) {
        List<Document> alternatives = new ArrayList<>();
        List<Long> stored = new ArrayList<>();
        for (long v : versions) {
            if (v == 0) {
                alternatives.add(new Document(FIELD, new Document("$exists", false)));
            } else {
                stored.add(v);
            }
        }
        if (stored.size() == 1) {
            alternatives.add(new Document(FIELD, stored.get(0)));
        } else if (stored.size() > 1) {
            alternatives.add(new Document(FIELD, new Document("$in", stored)));
        }
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        // nothing named a version this service could hold: a filter no document matches
        return alternatives.isEmpty()
                ? new Document(FIELD, new Document("$in", List.of()))
                : new Document("$or", alternatives);
    }
}
