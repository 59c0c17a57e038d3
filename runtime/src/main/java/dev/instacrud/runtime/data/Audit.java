package dev.instacrud.runtime.data;

import dev.instacrud.runtime.context.CurrentUser;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;

/** Stamps the audit fields; the only place that writes them. */
final class Audit {
    private final Clock clock;

    Audit(Clock clock) {
        this.clock = clock;
    }

    Date now() {
        return Date.from(clock.instant());
    }

    /** On insert: both pairs, the same instant. */
    void created(Document doc, CurrentUser user, Date now) {
        doc.put("createdAt", now);
        doc.put("createdBy", user.userId());
        updated(doc, user, now);
    }

    /** On every update: only the update pair. */
    void updated(Document doc, CurrentUser user, Date now) {
        doc.put("updatedAt", now);
        doc.put("updatedBy", user.userId());
    }
}
