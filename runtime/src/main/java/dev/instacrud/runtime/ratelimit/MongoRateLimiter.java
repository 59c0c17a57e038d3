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
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed-window counter in the system database's {@code rate_limits} collection, so several instances
 * share one limit. Each request is one atomic upsert on {@code _id = key|windowStart}: {@code $inc} the
 * count, {@code $setOnInsert} the window's expiry, return the document after the update. Two first
 * requests of a window can race on the insert; the loser gets a duplicate-key error (11000) and retries
 * once, which then increments. The embedded server does not enforce TTL indexes, so the expiry is part
 * of the query and expired windows are swept now and then. A store error refuses the request.
 */
public final class MongoRateLimiter implements RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(MongoRateLimiter.class);
  private static final int SWEEP_EVERY = 1000;

  private final MongoCollection<Document> counters;
  private final RateSpec spec;
  private final Clock clock;
  private final AtomicLong calls = new AtomicLong();

  public MongoRateLimiter(MongoDatabase systemDb, RateSpec spec, Clock clock) {
    this.counters = systemDb.getCollection("rate_limits");
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
      Document counter = increment(id, now, end);
      if (counter == null) {
        return Decision.refused((end - now + 999) / 1000);
      }
      sweep(now);
      long count = ((Number) counter.get("count")).longValue();
      return count <= spec.limit() ? Decision.ALLOWED : Decision.refused((end - now + 999) / 1000);
    } catch (MongoException e) {
      LOG.error("rate limit store failed, refusing the request: {}", e.getClass().getSimpleName());
      return Decision.refused(1);
    }
  }

  private Document increment(String id, long now, long end) {
    FindOneAndUpdateOptions options =
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
    for (int attempt = 0; ; attempt++) {
      try {
        return counters.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.gt("expiresAt", new Date(now))),
            Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("expiresAt", new Date(end))),
            options);
      } catch (MongoException e) {
        if (e.getCode() != 11000 || attempt > 0) {
          throw e;
        }
      }
    }
  }

  private void sweep(long now) {
    if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
      counters.deleteMany(Filters.lte("expiresAt", new Date(now)));
    }
  }
}
