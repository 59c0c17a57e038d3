package dev.instacrud.runtime.data;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.RequestContext;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.data.EntityDescriptor.OnDelete;
import dev.instacrud.runtime.data.EntityDescriptor.Scope;
import dev.instacrud.runtime.query.FieldKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;

/** A small service of entities used by the data-layer tests, and helpers to act as a user. */
@SuppressWarnings("try") // the scope is held for its side effect
final class Fixtures {
    private Fixtures() {}

    static final EntityDescriptor PROJECT = EntityDescriptor.builder("Project", "projects", Scope.ORG)
            .field("name", FieldKind.PLAIN)
            .field("code", FieldKind.PLAIN)
            .unique("code")
            .build();
    static final EntityDescriptor TAG = EntityDescriptor.builder("Tag", "tags", Scope.ORG)
            .field("label", FieldKind.PLAIN)
            .build();
    static final EntityDescriptor NOTE = EntityDescriptor.builder("Note", "notes", Scope.USER)
            .field("title", FieldKind.PLAIN)
            .field("priority", FieldKind.PLAIN)
            .field("labels", FieldKind.PLAIN)
            .field("items.qty", FieldKind.PLAIN)
            .field("secret", FieldKind.SECRET)
            .ref("projectId", "Project", OnDelete.CASCADE)
            .refList("tagIds", "Tag", OnDelete.SET_NULL)
            .build();
    static final EntityDescriptor TASK = EntityDescriptor.builder("Task", "tasks", Scope.ORG)
            .field("title", FieldKind.PLAIN)
            .ref("projectId", "Project", OnDelete.RESTRICT)
            .ref("noteId", "Note", OnDelete.SET_NULL)
            .build();

    static final EntityRegistry REGISTRY = EntityRegistry.of(PROJECT, TAG, NOTE, TASK);

    static DataLayer memory() {
        return DataLayer.open(Settings.builder("test", Mode.TEST).build(), REGISTRY);
    }

    static CurrentUser user(String orgId) {
        String id = new ObjectId().toHexString();
        return new CurrentUser(id, id + "@example.test", orgId, Role.USER);
    }

    static CurrentUser newOrgUser() {
        return user(new ObjectId().toHexString());
    }

    static <T> T as(CurrentUser user, Supplier<T> action) {
        try (RequestContext.Scope ignored = RequestContext.bind("req-" + user.userId(), user)) {
            return action.get();
        }
    }

    static void run(CurrentUser user, Runnable action) {
        as(user, () -> {
            action.run();
            return null;
        });
    }

    /** A whole replace (PUT) of the document as it is now, without If-Match. */
    static Document replace(Repository repository, String id, Document fields) {
        return repository.replace(repository.current(id, Precondition.NONE), fields, Precondition.NONE);
    }

    /** A field-level update without If-Match. */
    static Document patch(Repository repository, String id, Document set, java.util.Set<String> unset) {
        return repository.update(id, set, unset, Precondition.NONE);
    }

    /** A delete of the document as it is now, without If-Match. */
    static void delete(Repository repository, String id) {
        repository.delete(repository.current(id, Precondition.NONE), Precondition.NONE);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
