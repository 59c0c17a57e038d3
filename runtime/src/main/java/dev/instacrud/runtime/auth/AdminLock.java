package dev.instacrud.runtime.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.instacrud.runtime.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One change of an organisation's administrators at a time: demoting, deactivating or removing a member, and a
 * member deleting their own account, run while holding a short lease on the organisation's document. So "is this the
 * last active ORG_ADMIN?" and the change that follows cannot interleave with another such change (two administrators
 * demoting each other at once would otherwise leave none); there are no transactions to do it with on the embedded
 * server. The lease is one conditional write and lapses by itself after {@link #LEASE} should the instance die
 * holding it.
 */
final class AdminLock {
    /** How long a lease holds if it is never released. */
    static final Duration LEASE = Duration.ofSeconds(10);

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String FIELD = "adminLock";

    private final MongoCollection<Document> organizations;
    private final Clock clock;

    AdminLock(MongoDatabase systemDb, Clock clock) {
        this.organizations = systemDb.getCollection("organizations");
        this.clock = clock;
    }

    /**
     * Runs the change holding the organisation's lease.
     *
     * @throws ApiException 409 when another change held it for longer than a few seconds
     */
    <T> T around(ObjectId orgId, Supplier<T> change) {
        String holder = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!acquire(orgId, holder)) {
            if (System.nanoTime() > deadline) {
                throw ApiException.conflict("Another change of this organisation's members is under way; try again");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.conflict("Interrupted while waiting for another change of members");
            }
        }
        try {
            return change.get();
        } finally {
            organizations.updateOne(
                    Filters.and(Filters.eq("_id", orgId), Filters.eq(FIELD + ".holder", holder)), Updates.unset(FIELD));
        }
    }

    private boolean acquire(ObjectId orgId, String holder) {
        Date now = new Date(clock.millis());
        return organizations
                        .updateOne(
                                Filters.and(
                                        Filters.eq("_id", orgId),
                                        Filters.or(Filters.exists(FIELD, false), Filters.lte(FIELD + ".until", now))),
                                Updates.set(
                                        FIELD,
                                        new Document("holder", holder)
                                                .append("until", new Date(now.getTime() + LEASE.toMillis()))))
                        .getMatchedCount()
                == 1;
    }
}
