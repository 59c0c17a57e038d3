package dev.instacrud.runtime.audit;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the account routes record what they did, and where the audit route reads an organisation's log. The data
 * layer's implementation appends to the organisation's own database; recording never fails the request that
 * already did its work: a record that cannot be stored (the organisation's database unreachable) is written to the
 * application log instead, at WARN.
 */
public interface AuditLog {
    /** Appends the event to its organisation's log. Never throws. */
    void record(AuditEvent event);

    /** One page of an organisation's log, newest first. */
    AuditPage read(String orgId, AuditQuery query);

    /**
     * A log that keeps nothing but the application log's line per event, for a server assembled without a data
     * layer (its audit route is not served).
     */
    AuditLog APPLICATION_LOG_ONLY = new AuditLog() {
        private final Logger log = LoggerFactory.getLogger(AuditLog.class);

        @Override
        public void record(AuditEvent event) {
            log.info("audit: {}", dev.instacrud.runtime.audit.AuditStore.sanitizedSummary(event));
        }

        @Override
        public AuditPage read(String orgId, AuditQuery query) {
            return new AuditPage(java.util.List.of(), query.offset(), query.limit(), 0);
        }
    };

    /**
     * One page of records.
     *
     * @param items each record as the API shows it
     */
    record AuditPage(java.util.List<Map<String, Object>> items, int offset, int limit, long total) {
        public AuditPage {
            items = java.util.List.copyOf(items);
        }
    }
}
