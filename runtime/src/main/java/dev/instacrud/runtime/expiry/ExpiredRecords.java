package dev.instacrud.runtime.expiry;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes records whose {@code expiresAt} has passed from the system database's short-lived collections
 * (OAuth states, invitations, session codes, rate-limit windows). Expired records are already worthless,
 * since every query that reads them has the expiry in its filter; this keeps them from piling up.
 *
 * <p>Two mechanisms, because the embedded server has no TTL monitor: a TTL index on {@code expiresAt}
 * ({@code expireAfterSeconds: 0}), which a real MongoDB enforces by itself within about a minute, and a
 * sweep that deletes {@code expiresAt <= now} by this service's clock, run once at start and then every
 * interval on one daemon thread. A sweep that fails (database down) is logged and tried again next time.
 */
public final class ExpiredRecords implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredRecords.class);
    private static final String FIELD = "expiresAt";

    private final MongoDatabase systemDb;
    private final List<String> collections;
    private final Clock clock;
    private ScheduledExecutorService timer;

    /**
     * @param collections the collections whose documents carry an {@code expiresAt} date
     * @param clock the time that decides what has expired (the same clock that wrote the expiries)
     */
    public ExpiredRecords(MongoDatabase systemDb, List<String> collections, Clock clock) {
        this.systemDb = systemDb;
        this.collections = List.copyOf(collections);
        this.clock = clock;
    }

    /**
     * Creates the TTL indexes. An index on {@code expiresAt} that already exists with other options is left
     * as it is (logged): the sweep still removes what expires.
     */
    public void createTtlIndexes() {
        for (String collection : collections) {
            try {
                systemDb.getCollection(collection)
                        .createIndex(Indexes.ascending(FIELD), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
            } catch (MongoException e) {
                LOG.warn(
                        "no TTL index on {}.{}: {} (code {})",
                        collection,
                        FIELD,
                        e.getClass().getSimpleName(),
                        e.getCode());
            }
        }
    }

    /** Deletes every expired record now; returns how many were deleted. */
    public long sweep() {
        Date now = new Date(clock.millis());
        long deleted = 0;
        for (String collection : collections) {
            deleted += systemDb.getCollection(collection)
                    .deleteMany(Filters.lte(FIELD, now))
                    .getDeletedCount();
        }
        return deleted;
    }

    /** Sweeps now, then every {@code interval} until {@link #close}. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "instacrud-expiry");
            thread.setDaemon(true);
            return thread;
        });
        sweepLogged();
        timer.scheduleWithFixedDelay(
                this::sweepLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            long deleted = sweep();
            if (deleted > 0) {
                LOG.debug("removed {} expired records", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweep of expired records failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Stops the periodic sweep. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
