package dev.instacrud.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOptions;
import java.nio.file.Path;
import java.time.Clock;
import org.bson.Document;

/**
 * Child JVM of {@link CrashSafetyTest}: runs the embedded store and writes from several threads until it
 * is killed, printing {@code ACK <thread> <n>} after each acknowledged round of writes (an insert, a
 * {@code $inc} upsert, an insert into a unique index).
 */
public final class CrashWriter {
    static final int THREADS = 3;

    public static void main(String[] args) throws Exception {
        EmbeddedMongo store = EmbeddedMongo.start(Path.of(args[0]), Clock.systemUTC());
        MongoClient client = MongoClients.create(store.connectionString());
        MongoDatabase db = client.getDatabase("crash");
        db.getCollection("uniq")
                .createIndex(
                        new Document("k", 1), new IndexOptions().unique(true).name("unique_k"));
        int start = Integer.parseInt(args[1]);
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            new Thread(() -> {
                        for (int n = start; ; n++) {
                            String key = thread + "-" + n;
                            db.getCollection("docs")
                                    .insertOne(new Document("_id", key).append("payload", "x".repeat(200)));
                            db.getCollection("counters")
                                    .updateOne(
                                            new Document("_id", "t" + thread),
                                            new Document("$inc", new Document("n", 1)),
                                            new UpdateOptions().upsert(true));
                            db.getCollection("uniq").insertOne(new Document("k", key));
                            synchronized (System.out) {
                                System.out.println("ACK " + thread + " " + n);
                                System.out.flush();
                            }
                        }
                    })
                    .start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
