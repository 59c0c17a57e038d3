package dev.instacrud.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection whose stored documents never leave it: every document it hands out (to a query, to the write
 * about to change it) is a deep copy taken under the collection's lock.
 *
 * <p>As shipped, a query's reply holds the stored objects themselves and is encoded after the lock is released,
 * while an update changes the stored object in place (mongo-java-server 1.47, {@code AbstractMongoCollection
 * .updateDocument}): a read that overlaps a write of the same document could see half of each (a new {@code
 * version} with an old field, which lets an {@code If-Match} increment lose a concurrent one) or fail encoding
 * with a {@code ConcurrentModificationException}. With copies, an update changes a copy and stores it as a new
 * object, and a reply holds objects no one else touches.
 */
final class CopyOnReadH2Collection extends H2Collection {
    private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();

    CopyOnReadH2Collection(
            MongoDatabase database,
            String name,
            CollectionOptions options,
            MVMap<Object, Document> data,
            MVMap<String, Object> meta,
            CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored == null ? null : stored.cloneDeeply();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return super.streamAllDocumentsWithPosition()
                .map(d -> new DocumentWithPosition<>(d.getDocument().cloneDeeply(), d.getPosition()));
    }

    // H2's own scans its map directly; this one copies only the documents that match (the match runs again on the
    // copies, which costs a little and keeps the ordering, paging and projection of the library).
    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
        if (isNaturalDescending(orderBy)) {
            return super.matchDocuments(query, orderBy, skip, limit, batchSize, projection); // streams copies
        }
        Stream<Document> matching = super.streamAllDocumentsWithPosition()
                .map(DocumentWithPosition::getDocument)
                .filter(document -> matcher.matches(document, query))
                .map(Document::cloneDeeply);
        return matchDocumentsFromStream(matching, query, orderBy, skip, limit, batchSize, projection);
    }
}
