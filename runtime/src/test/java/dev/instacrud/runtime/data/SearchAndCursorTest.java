package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.query.FieldKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code q} searches literally inside the caller's scope; cursor pages see every document exactly once. */
class SearchAndCursorTest {
    static final EntityDescriptor NOTE = EntityDescriptor.builder("Note", "notes", EntityDescriptor.Scope.USER)
            .field("title", FieldKind.PLAIN)
            .field("body", FieldKind.PLAIN)
            .searchable("title")
            .searchable("body")
            .build();
    static final EntityDescriptor ITEM = EntityDescriptor.builder("Item", "items", EntityDescriptor.Scope.ORG)
            .field("name", FieldKind.PLAIN)
            .field("rank", FieldKind.PLAIN)
            .searchable("name")
            .build();

    final DataLayer data = DataLayer.open(
            Settings.builder("search", Mode.TEST).maxPageSize(500).build(), EntityRegistry.of(NOTE, ITEM));

    @AfterEach
    void close() {
        data.close();
    }

    private ListQuery search(String q) {
        return new ListQuery(null, null, q, null, null, 0, 500, true, List.of());
    }

    private Set<String> titles(CurrentUser user, String q) {
        Set<String> out = new HashSet<>();
        for (Document note :
                as(user, () -> data.repository(NOTE).list(search(q))).items()) {
            out.add(note.getString("title"));
        }
        return out;
    }

    @Test
    void searchTextIsALiteralEvenWithRegexMetacharacters() {
        CurrentUser ada = Fixtures.newOrgUser();
        List<String> stored = List.of(
                "a.b",
                "axb",
                "a+b",
                "aab",
                "(x)",
                "x",
                ".*",
                "anything",
                "[abc]",
                "b",
                "^start",
                "start",
                "end$",
                "end",
                "back\\slash",
                "\\d",
                "5",
                "a|b",
                "{2}",
                "Ünïcode Straße",
                "ABC upper",
                "100%",
                "question?",
                "star*");
        for (String title : stored) {
            as(ada, () -> data.repository(NOTE).insert(new Document("title", title)));
        }
        assertEquals(Set.of("a.b"), titles(ada, "a.b"), "the dot is a dot");
        assertEquals(Set.of("a+b"), titles(ada, "a+b"));
        assertEquals(Set.of("(x)"), titles(ada, "(x)"));
        assertEquals(Set.of(".*"), titles(ada, ".*"), "not everything");
        assertEquals(Set.of("[abc]"), titles(ada, "[abc]"));
        assertEquals(Set.of("^start"), titles(ada, "^start"));
        assertEquals(Set.of("end$"), titles(ada, "end$"));
        assertEquals(Set.of("back\\slash"), titles(ada, "\\s"));
        assertEquals(Set.of("\\d"), titles(ada, "\\d"), "not a digit class");
        assertEquals(Set.of("a|b"), titles(ada, "a|b"));
        assertEquals(Set.of("{2}"), titles(ada, "{2}"));
        assertEquals(Set.of("100%"), titles(ada, "%"));
        assertEquals(Set.of("question?"), titles(ada, "?"));
        assertEquals(Set.of("star*", ".*"), titles(ada, "*"));
        assertEquals(Set.of("Ünïcode Straße"), titles(ada, "ünïcode"), "case-insensitive, non-ASCII as it is");
        assertEquals(Set.of("ABC upper", "[abc]"), titles(ada, "abc"), "case-insensitive, anywhere in the value");
        assertEquals(Set.of("start", "^start", "star*"), titles(ada, "tar"), "contains, not only a prefix");
        assertTrue(titles(ada, "").size() == stored.size(), "an empty search is no search");
    }

    @Test
    void searchStaysInsideTheCallersScopeAndCombinesWithTheFilter() {
        CurrentUser ada = Fixtures.newOrgUser();
        CurrentUser colleague = Fixtures.user(ada.orgId());
        CurrentUser stranger = Fixtures.newOrgUser();
        for (CurrentUser user : List.of(ada, colleague, stranger)) {
            as(user, () -> data.repository(NOTE).insert(new Document("title", "shared word").append("body", "x")));
            as(user, () -> data.repository(ITEM).insert(new Document("name", "shared word")));
        }
        as(ada, () -> data.repository(NOTE).insert(new Document("title", "other").append("body", "SHARED WORD")));
        Page<Document> mine = as(ada, () -> data.repository(NOTE).list(search("shared")));
        assertEquals(2, mine.items().size(), "the title of one, the body of the other; no one else's");
        assertEquals(2L, mine.total());
        mine.items().forEach(note -> assertEquals(ada.userId(), note.getString("userId")));
        assertEquals(
                2,
                as(ada, () -> data.repository(ITEM).list(search("shared")))
                        .items()
                        .size(),
                "the organisation's items: ada's and her colleague's, not the stranger's");
        Page<Document> filtered = as(
                ada,
                () -> data.repository(NOTE)
                        .list(new ListQuery(
                                "{\"title\": \"other\"}", null, "shared", null, null, 0, 10, true, List.of())));
        assertEquals(1, filtered.items().size());
        // the service's own filter narrows too, and cannot widen the scope
        Page<Document> narrowed =
                as(ada, () -> data.repository(NOTE).list(search("shared").and(new Document("title", "shared word"))));
        assertEquals(1, narrowed.items().size());
        Page<Document> wide = as(
                ada,
                () -> data.repository(NOTE)
                        .list(search(null)
                                .and(new Document(
                                        "$or", List.of(new Document(), new Document("userId", stranger.userId()))))));
        wide.items().forEach(note -> assertEquals(ada.userId(), note.getString("userId")));
    }

    @Test
    void searchTextIsBoundedAndNeedsSearchableFields() {
        CurrentUser ada = Fixtures.newOrgUser();
        ApiException tooLong = assertThrows(
                ApiException.class, () -> as(ada, () -> data.repository(NOTE).list(search("x".repeat(101)))));
        assertEquals(400, tooLong.status());
        assertEquals("too_long", tooLong.errors().get(0).type());
        ApiException control = assertThrows(
                ApiException.class, () -> as(ada, () -> data.repository(NOTE).list(search("a\u0000b"))));
        assertEquals("invalid_search", control.errors().get(0).type());
        assertEquals(Set.of("x".repeat(100)).size(), 1);
        assertEquals(0, titles(ada, "x".repeat(100)).size(), "100 characters are fine");
    }

    private static List<String> names(Page<Document> page) {
        List<String> out = new ArrayList<>();
        page.items().forEach(item -> out.add(item.getObjectId("_id").toHexString()));
        return out;
    }

    @Test
    void cursorPagesReturnEveryDocumentExactlyOnceWhileOthersAreInserted() throws Exception {
        CurrentUser ada = Fixtures.newOrgUser();
        Set<String> original = new HashSet<>();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Document item = new Document("name", "item " + i).append("rank", i % 7); // many ties on rank
            if (i % 10 == 0) {
                item.remove("rank"); // and some without one
            }
            batch.add(item);
        }
        for (Document item : batch) {
            original.add(as(ada, () -> data.repository(ITEM).insert(item))
                    .getObjectId("_id")
                    .toHexString());
        }
        for (String sort : new String[] {null, "rank", "-rank,name", "-id"}) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger inserted = new AtomicInteger();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writes = writer.submit(() -> {
                while (!stop.get() && inserted.get() < 200) {
                    as(
                            ada,
                            () -> data.repository(ITEM)
                                    .insert(new Document("name", "new " + inserted.incrementAndGet())
                                            .append("rank", 3)));
                }
            });
            Map<String, Integer> seen = new HashMap<>();
            String after = null;
            int pages = 0;
            do {
                String cursor = after;
                Page<Document> page = as(
                        ada,
                        () -> data.repository(ITEM)
                                .list(new ListQuery(null, sort, null, cursor, null, 0, 37, false, List.of())));
                assertNull(page.total(), "count=false skips the count");
                assertTrue(page.items().size() <= 37);
                for (String id : names(page)) {
                    seen.merge(id, 1, Integer::sum);
                }
                if (cursor == null) {
                    assertNull(page.prev(), "the first page has no previous");
                    assertEquals(0, page.offset());
                } else {
                    assertNull(page.offset(), "a cursor page has no offset");
                    assertNotNull(page.prev());
                }
                after = page.next();
                pages++;
            } while (after != null && pages < 200);
            stop.set(true);
            writes.get();
            writer.shutdown();
            for (Map.Entry<String, Integer> entry : seen.entrySet()) {
                assertEquals(1, entry.getValue(), "seen twice with sort " + sort + ": " + entry.getKey());
            }
            assertTrue(seen.keySet().containsAll(original), "every document present before paging began, sort " + sort);
            assertTrue(inserted.get() > 0, "documents were inserted while paging");
        }
    }

    @Test
    void beforeWalksBackTheSamePagesAndCursorsAreTamperEvident() {
        CurrentUser ada = Fixtures.newOrgUser();
        for (int i = 0; i < 25; i++) {
            int n = i;
            as(ada, () -> data.repository(ITEM).insert(new Document("name", "n" + (n % 5)).append("rank", n)));
        }
        Repository items = data.repository(ITEM);
        List<List<String>> forward = new ArrayList<>();
        Page<Document> page =
                as(ada, () -> items.list(new ListQuery(null, "name", null, null, null, 0, 10, true, List.of())));
        assertEquals(25L, page.total());
        forward.add(names(page));
        while (page.next() != null) {
            String next = page.next();
            page = as(ada, () -> items.list(new ListQuery(null, "name", null, next, null, 0, 10, true, List.of())));
            forward.add(names(page));
        }
        assertEquals(List.of(10, 10, 5), forward.stream().map(List::size).toList());
        // back from the last page: the same pages, in the same order within each
        List<List<String>> backward = new ArrayList<>();
        while (page.prev() != null) {
            String prev = page.prev();
            page = as(ada, () -> items.list(new ListQuery(null, "name", null, null, prev, 0, 10, true, List.of())));
            backward.add(0, names(page));
        }
        assertEquals(forward.subList(0, 2), backward);
        assertNull(page.prev(), "back at the first page");

        Page<Document> first =
                as(ada, () -> items.list(new ListQuery(null, "name", null, null, null, 0, 10, true, List.of())));
        String cursor = first.next();
        String[] parts = cursor.split("\\.");
        String forged =
                parts[0].substring(0, parts[0].length() - 2) + (parts[0].endsWith("A") ? "BA" : "AA") + "." + parts[1];
        for (String bad : new String[] {forged, parts[0], "nonsense", cursor + "x", "a".repeat(5000)}) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> as(
                            ada,
                            () -> items.list(new ListQuery(null, "name", null, bad, null, 0, 10, true, List.of()))));
            assertEquals(400, e.status(), bad);
            assertEquals("invalid_cursor", e.errors().get(0).type());
        }
        ApiException otherSort = assertThrows(
                ApiException.class,
                () -> as(
                        ada,
                        () -> items.list(new ListQuery(null, "-name", null, cursor, null, 0, 10, true, List.of()))));
        assertTrue(otherSort.getMessage().contains("another sort order"), otherSort.getMessage());
        ApiException both = assertThrows(
                ApiException.class,
                () -> as(
                        ada,
                        () -> items.list(new ListQuery(null, "name", null, cursor, null, 5, 10, true, List.of()))));
        assertEquals("conflict", both.errors().get(0).type());
        // another key (another service, or a changed SECRET_KEY) does not accept it
        try (DataLayer other =
                DataLayer.open(Settings.builder("search", Mode.TEST).build(), EntityRegistry.of(NOTE, ITEM))) {
            ApiException foreign = assertThrows(
                    ApiException.class,
                    () -> as(
                            ada,
                            () -> other.repository(ITEM)
                                    .list(new ListQuery(null, "name", null, cursor, null, 0, 10, true, List.of()))));
            assertEquals("invalid_cursor", foreign.errors().get(0).type());
        }
        assertFalse(new ObjectId().toHexString().isEmpty());
    }
}
