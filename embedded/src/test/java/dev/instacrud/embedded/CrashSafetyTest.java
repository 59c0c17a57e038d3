package dev.instacrud.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule 8: a child JVM running the embedded store is killed ({@code destroyForcibly}, SIGKILL) right after
 * acknowledged writes from concurrent threads; after a restart every acknowledged write is there and the
 * unique index still refuses duplicates. A few trials on the same file, each appending to it.
 */
class CrashSafetyTest {
    static final int TRIALS = 3;

    @Test
    void noAcknowledgedWriteIsLostAndUniqueIndexesHold(@TempDir Path dir) throws Exception {
        Random random = new Random();
        long[] counters = new long[CrashWriter.THREADS];
        int start = 0;
        for (int trial = 0; trial < TRIALS; trial++) {

            int[] acked = runAndKill(dir, start, 40 + random.nextInt(80));
            try (EmbeddedMongo store = EmbeddedMongo.start(dir, Clock.systemUTC());
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoDatabase db = client.getDatabase("crash");
                java.util.Set<Object> docIds = new java.util.HashSet<>(
                        db.getCollection("docs").distinct("_id", String.class).into(new ArrayList<>()));
                java.util.Set<Object> uniqKeys = new java.util.HashSet<>(
                        db.getCollection("uniq").distinct("k", String.class).into(new ArrayList<>()));
                for (int t = 0; t < CrashWriter.THREADS; t++) {
                    for (int n = start; n <= acked[t]; n++) {
                        String key = t + "-" + n;
                        assertTrue(docIds.contains(key), "lost insert " + key);
                        assertTrue(uniqKeys.contains(key), "lost unique-index insert " + key);
                    }
                    counters[t] += acked[t] - start + 1;
                    Document counter = db.getCollection("counters")
                            .find(new Document("_id", "t" + t))
                            .first();
                    // every acknowledged $inc is there; one unacknowledged may have landed too
                    long n = counter.getInteger("n");
                    assertTrue(n >= counters[t], "lost $inc: " + n + " < " + counters[t]);
                    counters[t] = n;
                }
                // the unique index survived, is enforced, and no duplicate slipped in
                List<Document> keys = db.getCollection("uniq").find().into(new ArrayList<>());
                assertEquals(
                        keys.size(),
                        keys.stream().map(d -> d.getString("k")).distinct().count());
                MongoWriteException dup = assertThrows(
                        MongoWriteException.class,
                        () -> db.getCollection("uniq").insertOne(new Document("k", "0-0")));
                assertEquals(ErrorCategory.DUPLICATE_KEY, dup.getError().getCategory());
                start = 1 + java.util.Arrays.stream(acked).max().orElse(0) + 1_000;
            }
        }
    }

    /** Starts the writer, kills it after {@code acks} acknowledged rounds; the last acked n per thread. */
    static int[] runAndKill(Path dir, int start, int acks) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path cpFile = Files.createTempFile("crash-cp", ".txt");
        Files.writeString(cpFile, "-cp \"" + cp.replace("\\", "\\\\") + "\"");
        Process child = new ProcessBuilder(
                        javaBin,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "@" + cpFile,
                        CrashWriter.class.getName(),
                        dir.toString(),
                        String.valueOf(start))
                .redirectErrorStream(true)
                .start();
        int[] acked = new int[CrashWriter.THREADS];
        java.util.Arrays.fill(acked, start - 1);
        List<String> other = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acked[Integer.parseInt(parts[1])] = Integer.parseInt(parts[2]);
                    if (++seen >= acks) {
                        child.destroyForcibly(); // SIGKILL right after an acknowledged write
                        break;
                    }
                } else if (other.size() < 50) {
                    other.add(line);
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(cpFile);
        }
        assertTrue(java.util.Arrays.stream(acked).sum() > 0, "child wrote nothing: " + other);
        return acked;
    }
}
