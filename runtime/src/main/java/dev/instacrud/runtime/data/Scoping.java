package dev.instacrud.runtime.data;

import dev.instacrud.runtime.context.CurrentUser;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The scope wrap: for a user-scoped entity, {@code {$and: [filter, {userId: me}]}} always, even for an
 * empty filter, so nothing inside the client's part (an {@code $or}, a {@code userId} of its own) can
 * widen it. The organisation boundary is the database itself (see the tenant router).
 */
final class Scoping {
    private Scoping() {}

    static Bson wrap(EntityDescriptor entity, CurrentUser user, Bson filter) {
        if (entity.scope() == EntityDescriptor.Scope.ORG) {
            return filter;
        }
        return new Document("$and", List.of(filter, new Document("userId", user.userId())));
    }

    /**
     * The filter for one document by id, in scope. No client input takes part, so the owner can be a
     * top-level key beside {@code _id}: the same match as the wrap, but the embedded server only uses its
     * {@code _id} index when {@code _id} is top-level (with the wrap, every user-scoped get was a scan).
     */
    static Document byId(EntityDescriptor entity, CurrentUser user, Object id) {
        Document filter = new Document("_id", id);
        if (entity.scope() == EntityDescriptor.Scope.USER) {
            filter.append("userId", user.userId());
        }
        return filter;
    }
}
