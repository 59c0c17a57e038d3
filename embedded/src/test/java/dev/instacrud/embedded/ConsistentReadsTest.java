package dev.instacrud.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read of the embedded store never sees a write half done, and the document a {@code findOneAndUpdate} answers
 * is the one it wrote. As shipped, mongo-java-server 1.47 changes a stored document in place and encodes replies
 * after releasing the collection's lock, so both failed here: readers saw the fields of two versions at once (or
 * the reply's encoding threw {@code ConcurrentModificationException}), and concurrent increments got each other's
 * counts back ({@link CopyOnReadH2Collection} is the fix).
 */
class ConsistentReadsTest {
    @Test
    void readsNeverSeeAWriteHalfDone(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo store = EmbeddedMongo.start(dir.resolve("data"), Clock.systemUTC());
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("pairs");
            docs.insertOne(fields(0).append("_id", 1));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> readers = new ArrayList<>();
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    work.add(pool.submit(() -> {
                        for (int i = 1; i <= 500; i++) {
                            // every field changes at once, in one update
                            docs.updateOne(new Document("_id", 1), new Document("$set", fields(i)));
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < 4; r++) {
                    readers.add(pool.submit(() -> {
                        while (writing.get()) {
                            Document seen = docs.find(new Document("_id", 1)).first();
                            long values = seen.entrySet().stream()
                                    .filter(e -> e.getKey().startsWith("f"))
                                    .map(java.util.Map.Entry::getValue)
                                    .distinct()
                                    .count();
                            assertEquals(1, values, "a read saw half a write: " + seen);
                            reads.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                writing.set(false);
                pool.shutdown();
                assertTrue(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
            assertTrue(reads.get() > 100, reads + " reads");
        }
    }

    private static Document fields(int value) {
        Document doc = new Document();
        for (int f = 0; f < 40; f++) {
            doc.append("f" + f, value);
        }
        return doc;
    }

    @Test
    void aFindOneAndUpdateAnswersTheDocumentItWrote() throws Exception {
        try (EmbeddedMongo store = EmbeddedMongo.startInMemory(Clock.systemUTC());
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("t").getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("n", 0));
            int threads = 8;
            int each = 150;
            Set<Integer> answered = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            Document after = counters.findOneAndUpdate(
                                    new Document("_id", "c"),
                                    new Document("$inc", new Document("n", 1)),
                                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                            assertTrue(answered.add(after.getInteger("n")), "two increments answered " + after);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * each, answered.size());
        }
    }
}
