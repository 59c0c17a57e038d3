package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditStore;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.RequestContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit records of entity writes, appended to the organisation's {@code audit} collection in the database the
 * write just changed, right after it: the entity, the document's id, the action, the names of the fields written
 * (never their values, so a secret field shows only by name), the caller and the request. A delete records its root
 * and every document its cascades deleted or emptied. A record that cannot be appended is written to the application
 * log at WARN; the write it describes stands.
 */
final class EntityAudit {
    private static final Logger LOG = LoggerFactory.getLogger(EntityAudit.class);
    /** Fields the runtime keeps for itself: never named as written. */
    private static final Set<String> OWN =
            Set.of("_id", "userId", "createdAt", "createdBy", "updatedAt", "updatedBy", UniqueOwners.FIELD, "version");

    private final AuditStore store;

    EntityAudit(AuditStore store) {
        this.store = store;
    }

    /** A document was created with these fields. */
    void created(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document doc) {
        append(db, List.of(event(user, AuditAction.CREATE, entity, doc.getObjectId("_id"), names(doc.keySet()))));
    }

    /** A document was replaced: the fields whose value differs between {@code before} and {@code after}. */
    void replaced(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document before, Document after) {
        Set<String> changed = new LinkedHashSet<>();
        for (String field : after.keySet()) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                changed.add(field);
            }
        }
        for (String field : before.keySet()) {
            if (!after.containsKey(field)) {
                changed.add(field);
            }
        }
        append(db, List.of(event(user, AuditAction.REPLACE, entity, after.getObjectId("_id"), names(changed))));
    }

    /** Some fields of a document were set or removed. */
    void patched(MongoDatabase db, EntityDescriptor entity, CurrentUser user, ObjectId id, Collection<String> written) {
        append(db, List.of(event(user, AuditAction.PATCH, entity, id, names(written))));
    }

    /**
     * The ids of the documents whose ref {@code field} a delete is about to empty: read before the update, which
     * does not say which documents it changed.
     */
    static List<ObjectId> referring(MongoDatabase db, EntityDescriptor source, Document filter) {
        List<ObjectId> ids = new ArrayList<>();
        db.getCollection(source.collection())
                .find(filter)
                .projection(Projections.include("_id"))
                .forEach(d -> ids.add(d.getObjectId("_id")));
        return ids;
    }

    /**
     * A delete: its root, the documents its cascades deleted, and those whose refs it emptied.
     *
     * @param deleted every document deleted, by entity, the root among them
     * @param emptied the documents whose ref was emptied: entity and field, and their ids
     */
    void deleted(
            MongoDatabase db,
            CurrentUser user,
            EntityDescriptor root,
            ObjectId rootId,
            Map<EntityDescriptor, ? extends Collection<ObjectId>> deleted,
            List<Emptied> emptied) {
        List<AuditEvent> events = new ArrayList<>();
        events.add(event(user, AuditAction.DELETE, root, rootId, List.of()));
        for (Map.Entry<EntityDescriptor, ? extends Collection<ObjectId>> e : deleted.entrySet()) {
            for (ObjectId id : e.getValue()) {
                if (!(e.getKey() == root && id.equals(rootId))) {
                    events.add(event(user, AuditAction.CASCADE_DELETE, e.getKey(), id, List.of()));
                }
            }
        }
        for (Emptied e : emptied) {
            for (ObjectId id : e.ids()) {
                events.add(event(user, AuditAction.CASCADE_SET_NULL, e.entity(), id, List.of(e.field())));
            }
        }
        append(db, events);
    }

    /** The documents of one entity whose ref {@code field} a delete emptied. */
    record Emptied(EntityDescriptor entity, String field, List<ObjectId> ids) {}

    private static List<String> names(Collection<String> fields) {
        return fields.stream()
                .filter(f -> !OWN.contains(f) && !f.startsWith(UniqueOwners.FIELD + "."))
                .toList();
    }

    private static AuditEvent event(
            CurrentUser user, AuditAction action, EntityDescriptor entity, ObjectId id, List<String> fields) {
        return AuditEvent.of(user.orgId(), action, user.userId())
                .target(entity.name(), id.toHexString())
                .fields(fields)
                .request(RequestContext.requestId().orElse(null), null);
    }

    private void append(MongoDatabase db, List<AuditEvent> events) {
        try {
            store.appendAll(db, events);
        } catch (RuntimeException e) {
            for (AuditEvent event : events) {
                LOG.warn(
                        "audit record not stored ({}): {}",
                        e.getClass().getSimpleName(),
                        AuditStore.sanitizedSummary(event));
            }
        }
    }
}
