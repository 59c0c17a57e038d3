package dev.instacrud.runtime.data;

import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.audit.AuditQuery;
import dev.instacrud.runtime.audit.AuditStore;
import dev.instacrud.runtime.tenant.TenantRouter;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of the data layer: each organisation's records in the {@code audit} collection of its own database
 * (reached through the {@link TenantRouter}, within the organisation's limits), its indexes created with the
 * entities' ones. A record that cannot be stored, because the organisation's database cannot be reached, is written
 * to the application log at WARN instead, and the request that did the work is not failed for it.
 *
 * <p>Retention: a real MongoDB removes records past their {@code expiresAt} through the TTL index; on the embedded
 * server (which has no TTL monitor) a database's expired records are swept when it is next written or read, at most
 * once an hour. Reads never show an expired record either way.
 */
final class TenantAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(TenantAuditLog.class);

    private final TenantRouter tenants;
    private final Indexes indexes;
    private final AuditStore store;
    private final boolean sweeps;
    private final java.time.Clock clock;
    private final java.util.Map<String, Long> sweptAt = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param sweeps whether expired records must be removed by this log (the embedded server), not by MongoDB
     */
    TenantAuditLog(TenantRouter tenants, Indexes indexes, AuditStore store, boolean sweeps, java.time.Clock clock) {
        this.tenants = tenants;
        this.indexes = indexes;
        this.store = store;
        this.sweeps = sweeps;
        this.clock = clock;
    }

    private void sweepIfDue(com.mongodb.client.MongoDatabase db) {
        if (!sweeps) {
            return;
        }
        long now = clock.millis();
        Long last = sweptAt.get(db.getName());
        if (last == null || now - last > java.time.Duration.ofHours(1).toMillis()) {
            sweptAt.put(db.getName(), now);
            store.sweep(db);
        }
    }

    @Override
    public void record(AuditEvent event) {
        try {
            tenants.call(event.orgId(), db -> {
                indexes.ensure(db);
                store.append(db, event);
                sweepIfDue(db);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn(
                    "audit record not stored ({}): {}",
                    e.getClass().getSimpleName(),
                    AuditStore.sanitizedSummary(event));
        }
    }

    @Override
    public AuditPage read(String orgId, AuditQuery query) {
        return tenants.call(orgId, db -> {
            indexes.ensure(db);
            sweepIfDue(db);
            return store.find(db, query);
        });
    }

    /**
     * Removes the records past their retention in every organisation's database now; how many. An organisation whose
     * database cannot be reached is skipped.
     */
    long sweep() {
        List<String> orgIds = new ArrayList<>();
        for (Document org :
                tenants.systemDatabase().getCollection("organizations").find().projection(new Document("_id", 1))) {
            if (org.get("_id") instanceof ObjectId id) {
                orgIds.add(id.toHexString());
            }
        }
        long removed = 0;
        for (String orgId : orgIds) {
            try {
                removed += tenants.call(orgId, store::sweep);
            } catch (RuntimeException e) {
                LOG.info(
                        "audit sweep skipped organisation {}: {}",
                        orgId,
                        e.getClass().getSimpleName());
            }
        }
        return removed;
    }
}
