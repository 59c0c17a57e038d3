package dev.instacrud.runtime.ratelimit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.instacrud.runtime.config.RateSpec;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed-window counter in the system database's {@code rate_limits} collection, so several instances
 * share one limit. Each request is one conditional atomic upsert on {@code _id = key|windowStart}:
 * filter {@code count < limit} and {@code expiresAt > now}, {@code $inc} the count, {@code $setOnInsert}
 * the window's expiry, upsert, return the document after. A match means this request took a slot.
 * When the window's document exists but is full, the upsert's insert collides on {@code _id} (error
 * 11000); so does the loser of two first requests racing to create the document. Either way the update
 * is retried once without upsert, and only a match allows the request.
 *
 * <p>Why the decision never reads the returned count: the embedded server (mongo-java-server 1.47)
 * applies concurrent {@code $inc}s exactly but can return another operation's post-image (40 racing
 * calls returned duplicates such as 5, 5, 5), so a count-based decision there refused requests it
 * should have allowed. The condition in the filter is evaluated under the collection lock, so it is
 * exact on both the embedded server and MongoDB. The embedded server does not enforce TTL indexes, so
 * the expiry is part of the query; expired windows are removed by {@code expiry.ExpiredRecords} (a TTL
 * index and a periodic sweep). A store error refuses.
 */
public final class MongoRateLimiter implements RateLimiter {
    /** The system database collection holding the windows. */
    public static final String COLLECTION = "rate_limits";

    private static final Logger LOG = LoggerFactory.getLogger(MongoRateLimiter.class);

    private final MongoCollection<Document> counters;
    private final RateSpec spec;
    private final Clock clock;

    public MongoRateLimiter(MongoDatabase systemDb, RateSpec spec, Clock clock) {
        this.counters = systemDb.getCollection(COLLECTION);
        this.spec = spec;
        this.clock = clock;
    }

    @Override
    public Decision tryAcquire(String key) {
        long now = clock.millis();
        long window = spec.window().toMillis();
        long start = now - Math.floorMod(now, window);
        long end = start + window;
        String id = key + "|" + start;
        try {
            boolean took = takeSlot(id, now, end);
            return took ? Decision.ALLOWED : Decision.refused((end - now + 999) / 1000);
        } catch (MongoException e) {
            LOG.error(
                    "rate limit store failed, refusing the request: {} code {}",
                    e.getClass().getSimpleName(),
                    e.getCode());
            return Decision.refused(1);
        }
    }

    private boolean takeSlot(String id, long now, long end) {
        var filter = Filters.and(
                Filters.eq("_id", id), Filters.lt("count", spec.limit()), Filters.gt("expiresAt", new Date(now)));
        var update = Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("expiresAt", new Date(end)));
        try {
            return counters.findOneAndUpdate(
                            filter,
                            update,
                            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                    != null;
        } catch (MongoException e) {
            if (e.getCode() != 11000) {
                throw e;
            }
        }
        // the window exists: full, or just created by a concurrent first request
        return counters.findOneAndUpdate(
                        filter, update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                != null;
    }
}
