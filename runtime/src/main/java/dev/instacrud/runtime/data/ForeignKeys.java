package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.query.ObjectIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Ref values: converted to ObjectIds, then checked to exist and to be visible to the caller (the
 * organisation's database; for a user-scoped target, the caller's own documents), one query per
 * referenced collection. A miss, an id of another organisation or another user, and a malformed id all
 * answer the same 422 of type {@code foreign_key}, so refs cannot probe ids.
 *
 * <p>Without transactions, a write that refers to a document and a delete of that document can interleave, and
 * either could miss the other. So a delete first marks what it is about to delete ({@link Writes#DELETING}) and
 * only then looks for what refers to it, and a write checks its refs before it writes (a marked target counts as
 * missing) and again after ({@link #recheck}): whichever of the two comes second sees the first, and a write that
 * finds a target gone undoes itself. A mark older than {@link #STALE_MARK} (left by a process that died mid-delete)
 * is ignored.
 */
final class ForeignKeys {
    /** How long a delete's mark holds refs off: far longer than any delete takes. */
    static final Duration STALE_MARK = Duration.ofMinutes(5);

    private final EntityRegistry registry;
    private final Clock clock;

    ForeignKeys(EntityRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A ref value to check, and where it sits in the body. */
    private record Use(String field, ObjectId id, List<Object> loc) {}

    /** The refs a write was checked against, to check again once it is done. */
    static final class Checked {
        private final Map<String, List<Use>> byTarget;

        private Checked(Map<String, List<Use>> byTarget) {
            this.byTarget = byTarget;
        }

        static final Checked NOTHING = new Checked(Map.of());
    }

    /**
     * Converts the ref values present in {@code values} to ObjectIds in place; returns the malformed ones (a field
     * holding one is left as it was).
     */
    List<ErrorDetail> convert(EntityDescriptor entity, Document values) {
        List<ErrorDetail> errors = new ArrayList<>();
        for (EntityDescriptor.Ref ref : entity.refs()) {
            Object raw = values.get(ref.field());
            if (raw == null) {
                continue;
            }
            if (ref.many()) {
                if (!(raw instanceof List<?> list)) {
                    errors.add(ErrorDetail.of("must be a list of ids", "foreign_key", "body", ref.field()));
                    continue;
                }
                List<ObjectId> ids = new ArrayList<>();
                int before = errors.size();
                for (int i = 0; i < list.size(); i++) {
                    ObjectId id = toId(list.get(i));
                    if (id == null) {
                        errors.add(missing("body", ref.field(), i));
                    } else {
                        ids.add(id);
                    }
                }
                if (errors.size() == before) {
                    values.put(ref.field(), ids);
                }
            } else {
                ObjectId id = toId(raw);
                if (id == null) {
                    errors.add(missing("body", ref.field()));
                } else {
                    values.put(ref.field(), id);
                }
            }
        }
        return errors;
    }

    private Checked check(
            MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document values, List<ErrorDetail> malformed) {
        Map<String, List<Use>> byTarget = new LinkedHashMap<>();
        for (EntityDescriptor.Ref ref : entity.refs()) {
            Object value = values.get(ref.field());
            if (value == null) {
                continue;
            }
            List<Use> uses = byTarget.computeIfAbsent(ref.target(), k -> new ArrayList<>());
            if (ref.many() && value instanceof List<?> ids) {
                for (int i = 0; i < ids.size(); i++) {
                    ObjectId id = toId(ids.get(i));
                    if (id != null) {
                        uses.add(new Use(ref.field(), id, List.of("body", ref.field(), i)));
                    }
                }
            } else if (!ref.many() && toId(value) != null) {
                uses.add(new Use(ref.field(), toId(value), List.of("body", ref.field())));
            }
        }
        Checked checked = new Checked(byTarget);
        List<ErrorDetail> errors = new ArrayList<>(malformed);
        misses(db, user, checked).forEach(use -> errors.add(missing(use.loc().toArray())));
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return checked;
    }

    /**
     * Converts the ref values present in {@code values} in place, then checks that they name documents the caller
     * may see that no delete is working on; a 422 lists every malformed or missing one at once.
     */
    Checked convertAndCheck(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document values) {
        List<ErrorDetail> malformed = convert(entity, values);
        return check(db, entity, user, values, malformed);
    }

    /**
     * After the write: the fields whose targets went (or came under a delete) since {@link #check}; the caller
     * undoes its write for them and answers {@link #refusedFields}.
     */
    Set<String> recheck(MongoDatabase db, CurrentUser user, Checked checked) {
        Set<String> fields = new LinkedHashSet<>();
        misses(db, user, checked).forEach(use -> fields.add(use.field()));
        return fields;
    }

    /** The 422 for a write undone because the documents its fields referred to went while it was made. */
    static ApiException refusedFields(Set<String> fields) {
        List<ErrorDetail> errors = new ArrayList<>();
        fields.forEach(field -> errors.add(missing("body", field)));
        return ApiException.validation(errors);
    }

    private List<Use> misses(MongoDatabase db, CurrentUser user, Checked checked) {
        List<Use> misses = new ArrayList<>();
        Date stale = Date.from(clock.instant().minus(STALE_MARK));
        checked.byTarget.forEach((target, uses) -> {
            if (uses.isEmpty()) {
                return;
            }
            EntityDescriptor targetEntity = registry.get(target);
            Set<ObjectId> wanted = new HashSet<>();
            uses.forEach(u -> wanted.add(u.id()));
            Document live = new Document("_id", new Document("$in", List.copyOf(wanted)))
                    .append(
                            "$or",
                            List.of(
                                    new Document(Writes.DELETING, new Document("$exists", false)),
                                    new Document(Writes.DELETING + ".at", new Document("$lt", stale))));
            Set<ObjectId> found = new HashSet<>();
            db.getCollection(targetEntity.collection())
                    .find(Scoping.wrap(targetEntity, user, live))
                    .projection(Projections.include("_id"))
                    .forEach(d -> found.add(d.getObjectId("_id")));
            for (Use use : uses) {
                if (!found.contains(use.id())) {
                    misses.add(use);
                }
            }
        });
        return misses;
    }

    private static ObjectId toId(Object value) {
        if (value instanceof ObjectId id) {
            return id;
        }
        return value instanceof String s ? ObjectIds.parse(s).orElse(null) : null;
    }

    private static ErrorDetail missing(Object... loc) {
        return ErrorDetail.of("referenced document not found", "foreign_key", loc);
    }
}
