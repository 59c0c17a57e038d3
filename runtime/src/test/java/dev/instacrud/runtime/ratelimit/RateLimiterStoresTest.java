package dev.instacrud.runtime.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.instacrud.runtime.config.RateSpec;
import dev.instacrud.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both stores, driven directly with a hand-moved clock: exact counts under races, window resets. */
class RateLimiterStoresTest {
    static MongoServer server;
    static MongoClient client;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    static int allowedOf(RateLimiter limiter, String key, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                calls.add(() -> limiter.tryAcquire(key).allowed());
            }
            int allowed = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                allowed += f.get() ? 1 : 0;
            }
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mongoCounterIsExactOnFirstRequestRacesAndResetsPerWindow() throws Exception {
        MongoDatabase db = client.getDatabase("limits");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        MongoRateLimiter limiter = new MongoRateLimiter(db, new RateSpec(10, Duration.ofMinutes(1)), clock);
        for (int key = 0; key < 5; key++) {
            // every thread races on the first upsert of a fresh window document
            assertEquals(10, allowedOf(limiter, "k" + key, 40), "key k" + key);
        }
        RateLimiter.Decision refused = limiter.tryAcquire("k0");
        assertFalse(refused.allowed());
        assertEquals(60, refused.retryAfterSeconds());
        clock.advance(Duration.ofSeconds(45));
        assertEquals(15, limiter.tryAcquire("k0").retryAfterSeconds());
        clock.advance(Duration.ofSeconds(15));
        assertTrue(limiter.tryAcquire("k0").allowed());
        Document window = db.getCollection("rate_limits")
                .find(new Document("_id", "k0|" + clock.millis()))
                .first();
        assertEquals(1, window.getInteger("count"));
        assertEquals(clock.millis() + 60_000, window.getDate("expiresAt").getTime());
    }

    @Test
    void inMemoryBucketsAreExactAndRefillPerWindow() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(new RateSpec(7, Duration.ofSeconds(30)), clock, 1000);
        assertEquals(7, allowedOf(limiter, "a", 50));
        assertEquals(7, allowedOf(limiter, "b", 50));
        RateLimiter.Decision refused = limiter.tryAcquire("a");
        assertFalse(refused.allowed());
        assertEquals(30, refused.retryAfterSeconds());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(7, allowedOf(limiter, "a", 20));
    }

    @Test
    void inMemoryTableStaysBounded() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(new RateSpec(1, Duration.ofMinutes(1)), clock, 100);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.tryAcquire("ip-" + i).allowed());
        }
    }
}
