package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.data.EntityDescriptor.OnDelete;
import dev.instacrud.runtime.data.EntityDescriptor.Scope;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.query.FieldKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 3: a {@code unique} field of a user-scoped entity is unique among each user's own documents,
 * so a 409 never tells a user what another one holds; documents without a value never collide (on the
 * embedded server too, which ignores partial indexes); and a database made before this has its old
 * organisation-wide index replaced before its first use.
 */
class UniquePerUserTest {
    static final EntityDescriptor SHELF = EntityDescriptor.builder("Shelf", "shelves", Scope.ORG)
            .field("label", FieldKind.PLAIN)
            .build();
    static final EntityDescriptor LOAN = EntityDescriptor.builder("Loan", "loans", Scope.USER)
            .field("code", FieldKind.PLAIN)
            .field("codeName", FieldKind.PLAIN)
            .ref("shelfId", "Shelf", OnDelete.SET_NULL)
            .unique("code")
            .unique("codeName")
            .unique("shelfId")
            .build();

    final DataLayer data = DataLayer.open(Settings.builder("test", Mode.TEST).build(), EntityRegistry.of(SHELF, LOAN));
    final Repository loans = data.repository(LOAN);
    final Repository shelves = data.repository(SHELF);

    @AfterEach
    void close() {
        data.close();
    }

    @Test
    void aUsersValuesCollideOnlyWithTheirOwn() {
        String org = new ObjectId().toHexString();
        CurrentUser ada = Fixtures.user(org);
        CurrentUser bob = Fixtures.user(org);
        as(ada, () -> loans.insert(new Document("code", "C").append("codeName", "N")));
        Document bobs = as(bob, () -> loans.insert(new Document("code", "C").append("codeName", "N")));

        ApiException own = conflict(() -> as(ada, () -> loans.insert(new Document("code", "C"))));
        assertEquals(List.of("body", "code"), own.errors().get(0).loc());
        ApiException other = conflict(() -> as(ada, () -> loans.insert(new Document("codeName", "N"))));
        assertEquals(List.of("body", "codeName"), other.errors().get(0).loc(), "the field the index names");

        Document second = as(bob, () -> loans.insert(new Document("code", "D")));
        conflict(() -> as(bob, () -> Fixtures.patch(loans, id(second), new Document("code", "C"), Set.of())));
        conflict(() -> as(bob, () -> Fixtures.replace(loans, id(second), new Document("code", "C"))));
        // once Bob's first loan lets go of C, his second may take it, by patch or by replace
        as(bob, () -> Fixtures.patch(loans, id(bobs), new Document(), Set.of("code")));
        as(bob, () -> Fixtures.patch(loans, id(second), new Document("code", "C"), Set.of()));
        as(bob, () -> Fixtures.replace(loans, id(bobs), new Document("code", "E")));

        for (int i = 0; i < 3; i++) { // no value, no collision
            as(ada, () -> loans.insert(new Document()));
        }
    }

    @Test
    void setNullOnAUniqueRefLeavesNothingToCollide() {
        String org = new ObjectId().toHexString();
        CurrentUser ada = Fixtures.user(org);
        CurrentUser bob = Fixtures.user(org);
        String first = id(as(ada, () -> shelves.insert(new Document("label", "first"))));
        String second = id(as(ada, () -> shelves.insert(new Document("label", "second"))));
        Document adas = as(ada, () -> loans.insert(new Document("shelfId", first)));
        Document adas2 = as(ada, () -> loans.insert(new Document("shelfId", second)));
        Document bobs = as(bob, () -> loans.insert(new Document("shelfId", first)));

        as(ada, () -> {
            Fixtures.delete(shelves, first);
            Fixtures.delete(shelves, second);
            return null;
        });
        assertNull(as(ada, () -> loans.findById(id(adas))).get("shelfId"));
        assertNull(as(ada, () -> loans.findById(id(adas2))).get("shelfId"));
        assertNull(as(bob, () -> loans.findById(id(bobs))).get("shelfId"));
    }

    @Test
    void anOldOrganisationWideIndexIsReplacedBeforeFirstUse() {
        String org = new ObjectId().toHexString();
        CurrentUser ada = Fixtures.user(org);
        CurrentUser bob = Fixtures.user(org);
        // what an earlier version left: one index over the whole organisation, and Ada's loans under it
        MongoCollection<Document> stored = data.tenants().database(org).getCollection("loans");
        stored.createIndex(
                new Document("code", 1),
                new IndexOptions().name("unique_code").unique(true).sparse(true));
        stored.insertOne(new Document("code", "C").append("userId", ada.userId()));
        stored.insertOne(new Document("code", "D").append("userId", ada.userId()));
        stored.insertOne(new Document("userId", ada.userId()));
        stored.insertOne(new Document("userId", ada.userId()));

        as(bob, () -> loans.insert(new Document("code", "C"))); // the first request migrates

        List<String> names = stored.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>());
        assertFalse(names.contains("unique_code"), names.toString());
        assertTrue(names.contains("unique_code_per_user"), names.toString());
        conflict(() -> as(ada, () -> loans.insert(new Document("code", "C"))));
        conflict(() -> as(ada, () -> loans.insert(new Document("code", "D"))));
        as(ada, () -> loans.insert(new Document()));
    }

    private static ApiException conflict(Supplier<?> action) {
        ApiException e = assertThrows(ApiException.class, action::get);
        assertEquals(409, e.status(), e.getMessage());
        assertEquals("unique", e.errors().get(0).type());
        return e;
    }

    private static String id(Document doc) {
        return doc.getObjectId("_id").toHexString();
    }
}
