package dev.instacrud.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.RequestContext;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.data.EntityDescriptor;
import dev.instacrud.runtime.data.EntityRegistry;
import dev.instacrud.runtime.data.Settings;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.query.FieldKind;
import dev.instacrud.runtime.store.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule 8: without a URL the data layer starts this module's store (found through {@code ServiceLoader}), which
 * keeps data and unique indexes across restarts.
 */
class EmbeddedStoreTest {
    static final EntityDescriptor PROJECT = EntityDescriptor.builder("Project", "projects", EntityDescriptor.Scope.ORG)
            .field("name", FieldKind.PLAIN)
            .field("code", FieldKind.PLAIN)
            .unique("code")
            .build();

    @SuppressWarnings("try") // the scope is held for its side effect
    static <T> T as(CurrentUser user, Supplier<T> action) {
        try (RequestContext.Scope ignored = RequestContext.bind("req", user)) {
            return action.get();
        }
    }

    @Test
    void dataAndUniqueIndexesSurviveARestart(@TempDir Path dir) throws Exception {
        Settings settings =
                Settings.builder("dev", Mode.DEV).dataDir(dir.resolve("data")).build();
        String org = new ObjectId().toHexString();
        CurrentUser user = new CurrentUser(new ObjectId().toHexString(), "ada@example.test", org, Role.USER);
        String id;
        try (DataLayer data = DataLayer.open(settings, EntityRegistry.of(PROJECT))) {
            assertTrue(data.ping());
            id = as(user, () -> data.repository(PROJECT).insert(new Document("name", "p").append("code", "C")))
                    .getObjectId("_id")
                    .toHexString();
            for (int i = 0; i < 200; i++) {
                String name = "rewrite " + i;
                as(user, () -> data.repository(PROJECT).patch(id, new Document("name", name), Set.of()));
            }
        }
        Path file = dir.resolve("data").resolve(EmbeddedStore.STORE_FILE);
        assertTrue(Files.size(file) > 0);
        try (DataLayer data = DataLayer.open(settings, EntityRegistry.of(PROJECT))) {
            assertEquals(
                    "rewrite 199",
                    as(user, () -> data.repository(PROJECT).findById(id)).getString("name"));
            ApiException dup = assertThrows(
                    ApiException.class,
                    () -> as(user, () -> data.repository(PROJECT).insert(new Document("code", "C"))));
            assertEquals(409, dup.status());
        }
    }
}
