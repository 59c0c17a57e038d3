package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.store.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 8: without a URL the development default keeps data and unique indexes across restarts. */
class EmbeddedStoreTest {
    @Test
    void dataAndUniqueIndexesSurviveARestart(@TempDir Path dir) throws Exception {
        Settings settings =
                Settings.builder("dev", Mode.DEV).dataDir(dir.resolve("data")).build();
        CurrentUser user = Fixtures.newOrgUser();
        String id;
        try (DataLayer data = DataLayer.open(settings, Fixtures.REGISTRY)) {
            assertTrue(data.ping());
            id = as(user, () -> data.repository(Fixtures.PROJECT).insert(new Document("name", "p").append("code", "C")))
                    .getObjectId("_id")
                    .toHexString();
            for (int i = 0; i < 200; i++) {
                String name = "rewrite " + i;
                as(
                        user,
                        () -> Fixtures.patch(
                                data.repository(Fixtures.PROJECT), id, new Document("name", name), java.util.Set.of()));
            }
        }
        Path file = dir.resolve("data").resolve(EmbeddedMongo.STORE_FILE);
        assertTrue(Files.size(file) > 0);
        try (DataLayer data = DataLayer.open(settings, Fixtures.REGISTRY)) {
            assertEquals(
                    "rewrite 199",
                    as(user, () -> data.repository(Fixtures.PROJECT).findById(id))
                            .getString("name"));
            ApiException dup = assertThrows(
                    ApiException.class,
                    () -> as(user, () -> data.repository(Fixtures.PROJECT).insert(new Document("code", "C"))));
            assertEquals(409, dup.status());
        }
    }
}
