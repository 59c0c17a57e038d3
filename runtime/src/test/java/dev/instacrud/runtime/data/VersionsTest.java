package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static dev.instacrud.runtime.data.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 1 in the data layer: every document carries a version that every write path increments, writes to a
 * document read first are conditional on the version read, a stale If-Match is a 412 that changes nothing, and
 * documents written before versions existed count as version 0.
 */
class VersionsTest {
    static final Fixtures.MutableClock CLOCK = new Fixtures.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    static DataLayer data;
    static Repository projects;
    static Repository notes;
    static Repository tags;
    static Repository tasks;

    @BeforeAll
    static void open() {
        data = DataLayer.open(Settings.builder("test", Mode.TEST).clock(CLOCK).build(), Fixtures.REGISTRY);
        projects = data.repository(Fixtures.PROJECT);
        notes = data.repository(Fixtures.NOTE);
        tags = data.repository(Fixtures.TAG);
        tasks = data.repository(Fixtures.TASK);
    }

    @AfterAll
    static void close() {
        data.close();
    }

    static String id(Document d) {
        return d.getObjectId("_id").toHexString();
    }

    static long version(Document d) {
        return d.getLong("version");
    }

    static ApiException fails(Runnable action) {
        return assertThrows(ApiException.class, action::run);
    }

    static Precondition ifMatch(String header) {
        return Precondition.ifMatch(Optional.of(header));
    }

    @Test
    void everyWritePathIncrementsTheVersion() {
        CurrentUser a = Fixtures.newOrgUser();
        Document project = as(a, () -> projects.insert(new Document("name", "p")));
        assertEquals(1L, version(project), "an insert starts at 1");
        Document put = as(a, () -> Fixtures.replace(projects, id(project), new Document("name", "q")));
        assertEquals(2L, version(put));
        Document patched = as(a, () -> Fixtures.patch(projects, id(project), new Document("name", "r"), Set.of()));
        assertEquals(3L, version(patched));
        Document merged = as(
                a,
                () -> projects.patch(
                        projects.current(id(project), Precondition.NONE),
                        new Document("name", "s"),
                        Precondition.NONE));
        assertEquals(4L, version(merged));

        // a delete's set-null and a refused delete's marks count as writes of the documents they touch
        Document tag = as(a, () -> tags.insert(new Document("label", "t")));
        Document note = as(a, () -> notes.insert(new Document("title", "n").append("tagIds", List.of(id(tag)))));
        run(a, () -> Fixtures.delete(tags, id(tag)));
        assertEquals(2L, version(as(a, () -> notes.findById(id(note)))), "the set-null update");
        Document task = as(a, () -> tasks.insert(new Document("title", "t").append("projectId", id(project))));
        assertEquals(
                409,
                fails(() -> run(a, () -> Fixtures.delete(projects, id(project))))
                        .status());
        Document kept = as(a, () -> projects.findById(id(project)));
        assertEquals(6L, version(kept), "marked, then unmarked, by the refused delete");
        assertFalse(kept.containsKey(Writes.DELETING), "no mark is left by a refused delete");
        assertEquals(1L, version(as(a, () -> tasks.findById(id(task)))));
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        CurrentUser a = Fixtures.newOrgUser();
        Document project = as(a, () -> projects.insert(new Document("name", "p").append("code", "C1")));
        as(a, () -> Fixtures.patch(projects, id(project), new Document("name", "newer"), Set.of()));
        Document before = as(a, () -> projects.findById(id(project)));

        for (Runnable write : List.<Runnable>of(
                () -> projects.current(id(project), ifMatch("\"1\"")),
                () -> projects.update(id(project), new Document("name", "x"), Set.of(), ifMatch("\"1\"")),
                () -> projects.update(id(project), new Document("name", "x"), Set.of(), ifMatch("W/\"2\"")),
                () -> projects.update(id(project), new Document("name", "x"), Set.of(), ifMatch("\"abc\"")))) {
            ApiException e = fails(() -> run(a, write));
            assertEquals(412, e.status());
            assertEquals(2L, e.members().get("currentVersion"));
            assertEquals("\"2\"", e.headers().get("ETag"));
            assertTrue(e.detail().contains("current version is 2"), e.detail());
        }
        assertEquals(before, as(a, () -> projects.findById(id(project))), "nothing changed");

        // read at version 2, changed by someone else, then written with If-Match "2": the write itself is refused
        Snapshot read = as(a, () -> projects.current(id(project), ifMatch("\"2\"")));
        as(a, () -> Fixtures.patch(projects, id(project), new Document("code", "C2"), Set.of()));
        Document changed = as(a, () -> projects.findById(id(project)));
        assertEquals(
                412,
                fails(() -> as(a, () -> projects.replace(read, new Document("name", "x"), ifMatch("\"2\""))))
                        .status());
        assertEquals(
                412,
                fails(() -> as(a, () -> projects.patch(read, new Document("name", "x"), ifMatch("\"2\""))))
                        .status());
        assertEquals(
                412,
                fails(() -> run(a, () -> projects.delete(read, ifMatch("\"2\""))))
                        .status());
        assertEquals(changed, as(a, () -> projects.findById(id(project))), "nothing changed, the delete left no mark");

        // the current version, or *, or a list naming it, passes
        Document ok =
                as(a, () -> projects.update(id(project), new Document("name", "y"), Set.of(), ifMatch("\"9\", \"3\"")));
        assertEquals(4L, version(ok));
        Document star = as(a, () -> projects.update(id(project), new Document("name", "z"), Set.of(), ifMatch("*")));
        assertEquals(5L, version(star));
        run(a, () -> projects.delete(projects.current(id(project), ifMatch("\"5\"")), ifMatch("\"5\"")));
        assertEquals(
                404, fails(() -> as(a, () -> projects.findById(id(project)))).status());
    }

    @Test
    void withoutIfMatchAWriteKeepsAConcurrentChange() {
        CurrentUser a = Fixtures.newOrgUser();
        Document project = as(a, () -> projects.insert(new Document("name", "p").append("code", "K1")));
        Snapshot stale = as(a, () -> projects.current(id(project), Precondition.NONE));
        as(a, () -> Fixtures.patch(projects, id(project), new Document("code", "K2"), Set.of()));

        // a patch read before the concurrent change writes only the field it changed
        Document merged = new Document(stale.document()).append("name", "renamed");
        Document patched = as(a, () -> projects.patch(stale, merged, Precondition.NONE));
        assertEquals("renamed", patched.getString("name"));
        assertEquals("K2", patched.getString("code"), "the concurrent change is kept");
        assertEquals(3L, version(patched));

        // a replace read before a concurrent change reads again and replaces the whole document
        Snapshot older = as(a, () -> projects.current(id(project), Precondition.NONE));
        as(a, () -> Fixtures.patch(projects, id(project), new Document("name", "meanwhile"), Set.of()));
        Document replaced = as(a, () -> projects.replace(older, new Document("name", "whole"), Precondition.NONE));
        assertEquals("whole", replaced.getString("name"));
        assertNull(replaced.get("code"), "a replace is whole");
        assertEquals(5L, version(replaced));
        assertEquals(project.get("createdAt"), replaced.get("createdAt"));

        // a delete read before a concurrent change still deletes
        Snapshot beforeChange = as(a, () -> projects.current(id(project), Precondition.NONE));
        as(a, () -> Fixtures.patch(projects, id(project), new Document("name", "last"), Set.of()));
        run(a, () -> projects.delete(beforeChange, Precondition.NONE));
        assertEquals(
                404, fails(() -> as(a, () -> projects.findById(id(project)))).status());
    }

    // Concurrent increments and field writes through the data layer are proven on the store services use: the
    // embedded store (instacrud-embedded's ConsistentReadsTest) and over HTTP (ConcurrentWritesE2eTest,
    // MultiInstanceE2eTest). Not here: the runtime's own tests run on mongo-java-server's bare memory backend, which
    // changes stored documents in place and encodes replies after releasing its lock, so a read can show a write
    // half done and an increment computed from it is lost now and then (seen in a full build).
    @Test
    void documentsWithoutAVersionCountAsVersionZero() {
        CurrentUser a = Fixtures.newOrgUser();
        ObjectId legacy = new ObjectId();
        data.tenants()
                .database(a.orgId())
                .getCollection(Fixtures.PROJECT.collection())
                .insertOne(new Document("_id", legacy).append("name", "written before versions"));
        Snapshot read = as(a, () -> projects.current(legacy.toHexString(), ifMatch("\"0\"")));
        assertEquals(0L, read.version());
        assertEquals(
                412,
                fails(() -> as(a, () -> projects.current(legacy.toHexString(), ifMatch("\"1\""))))
                        .status());
        Document written = as(a, () -> projects.patch(read, new Document("name", "now versioned"), ifMatch("\"0\"")));
        assertEquals(1L, version(written), "its next write gives it version 1");
        assertEquals(
                412,
                fails(() -> as(a, () -> projects.patch(read, new Document("name", "x"), ifMatch("\"0\""))))
                        .status());
    }

    @Test
    void aDeletesMarkKeepsNewRefsOffUntilItIsStale() {
        CurrentUser a = Fixtures.newOrgUser();
        Document project = as(a, () -> projects.insert(new Document("name", "p")));
        data.inTenant(
                a,
                Fixtures.PROJECT,
                db -> data.writes()
                        .mark(
                                db,
                                Fixtures.PROJECT,
                                a,
                                new Document("_id", project.getObjectId("_id")),
                                new ObjectId()));
        ApiException refused =
                fails(() -> as(a, () -> tasks.insert(new Document("title", "t").append("projectId", id(project)))));
        assertEquals(422, refused.status());
        assertEquals(List.of("body", "projectId"), refused.errors().get(0).loc());

        CLOCK.advance(ForeignKeys.STALE_MARK.plus(Duration.ofSeconds(1)));
        Document accepted = as(a, () -> tasks.insert(new Document("title", "t").append("projectId", id(project))));
        assertEquals(project.getObjectId("_id"), accepted.getObjectId("projectId"), "a dead delete's mark is ignored");
    }
}
