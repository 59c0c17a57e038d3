package dev.instacrud.runtime.data;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import dev.instacrud.runtime.query.ObjectIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 */
final class ForeignKeys {
    private final EntityRegistry registry;

    ForeignKeys(EntityRegistry registry) {
        this.registry = registry;
    }

    /** A ref value to check, and where it sits in the body. */
    private record Use(ObjectId id, List<Object> loc) {}

    /** Converts the ref values present in {@code values} in place, then checks them. */
    void convertAndCheck(MongoDatabase db, EntityDescriptor entity, CurrentUser user, Document values) {
        List<ErrorDetail> errors = new ArrayList<>();
        Map<String, List<Use>> byTarget = new LinkedHashMap<>();
        for (EntityDescriptor.Ref ref : entity.refs()) {
            if (!values.containsKey(ref.field()) || values.get(ref.field()) == null) {
                continue;
            }
            Object raw = values.get(ref.field());
            List<Use> uses = byTarget.computeIfAbsent(ref.target(), k -> new ArrayList<>());
            if (ref.many()) {
                if (!(raw instanceof List<?> list)) {
                    errors.add(ErrorDetail.of("must be a list of ids", "foreign_key", "body", ref.field()));
                    continue;
                }
                List<ObjectId> ids = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    ObjectId id = toId(list.get(i));
                    if (id == null) {
                        errors.add(missing("body", ref.field(), i));
                    } else {
                        ids.add(id);
                        uses.add(new Use(id, List.of("body", ref.field(), i)));
                    }
                }
                values.put(ref.field(), ids);
            } else {
                ObjectId id = toId(raw);
                if (id == null) {
                    errors.add(missing("body", ref.field()));
                } else {
                    values.put(ref.field(), id);
                    uses.add(new Use(id, List.of("body", ref.field())));
                }
            }
        }
        byTarget.forEach((target, uses) -> {
            if (uses.isEmpty()) {
                return;
            }
            EntityDescriptor targetEntity = registry.get(target);
            Set<ObjectId> wanted = new HashSet<>();
            uses.forEach(u -> wanted.add(u.id()));
            Set<ObjectId> found = new HashSet<>();
            db.getCollection(targetEntity.collection())
                    .find(Scoping.wrap(
                            targetEntity, user, new Document("_id", new Document("$in", List.copyOf(wanted)))))
                    .projection(Projections.include("_id"))
                    .forEach(d -> found.add(d.getObjectId("_id")));
            for (Use use : uses) {
                if (!found.contains(use.id())) {
                    errors.add(missing(use.loc().toArray()));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
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
