package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static dev.instacrud.runtime.data.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RepositoryTest {
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

    static ApiException fails(Runnable action) {
        return assertThrows(ApiException.class, action::run);
    }

    // Rule 1: no context, no query
    @Test
    void withoutContextNothingRuns() {
        assertThrows(IllegalStateException.class, () -> notes.list(null, null, 0, 10));
        assertThrows(IllegalStateException.class, () -> notes.insert(new Document("title", "x")));
    }

    // Rule 4: user scope, ids cannot be probed
    @Test
    void otherUsersDocumentsAnswerLikeMissingOnes() {
        CurrentUser a = Fixtures.newOrgUser();
        CurrentUser b = Fixtures.user(a.orgId());
        Document mine = as(a, () -> notes.insert(new Document("title", "a's").append("userId", b.userId())));
        assertEquals(a.userId(), mine.getString("userId"), "userId comes from the context, not the body");
        String missing = new ObjectId().toHexString();
        for (String id : List.of(id(mine), missing)) {
            ApiException get = fails(() -> as(b, () -> notes.findById(id)));
            ApiException put = fails(() -> as(b, () -> Fixtures.replace(notes, id, new Document("title", "b"))));
            ApiException patch =
                    fails(() -> as(b, () -> Fixtures.patch(notes, id, new Document("title", "b"), Set.of())));
            ApiException del = fails(() -> run(b, () -> Fixtures.delete(notes, id)));
            for (ApiException e : List.of(get, put, patch, del)) {
                assertEquals(404, e.status());
                assertEquals("Not found", e.detail());
            }
        }
        assertEquals("a's", as(a, () -> notes.findById(id(mine))).getString("title"), "unchanged");
        assertEquals(0, as(b, () -> notes.list(null, null, 0, 10)).total());
        String orFilter = "{\"$or\": [{\"userId\": \"" + a.userId() + "\"}, {\"title\": {\"$exists\": true}}]}";
        assertEquals(0, as(b, () -> notes.list(orFilter, null, 0, 10)).total());
        assertEquals(1, as(a, () -> notes.list(orFilter, null, 0, 10)).total());
    }

    // Rule 2 + 4: another organisation's document is a 404 too
    @Test
    void otherOrganisationsDocumentsAreInvisible() {
        CurrentUser a = Fixtures.newOrgUser();
        CurrentUser other = Fixtures.newOrgUser();
        Document p = as(a, () -> projects.insert(new Document("name", "p")));
        assertEquals(404, fails(() -> as(other, () -> projects.findById(id(p)))).status());
        assertEquals(
                404,
                fails(() -> run(other, () -> Fixtures.delete(projects, id(p)))).status());
        assertEquals(0, as(other, () -> projects.list(null, null, 0, 10)).total());
        assertEquals(1, as(a, () -> projects.list(null, null, 0, 10)).total());
    }

    // Rule 3: malformed ids in a path are 404, never 500
    @Test
    void malformedIdsAreNotFound() {
        CurrentUser a = Fixtures.newOrgUser();
        for (String bad : List.of("{\"$gt\":\"\"}", "' OR '1'='1", "", "zzzzzzzzzzzzzzzzzzzzzzzz", "1")) {
            assertEquals(404, fails(() -> as(a, () -> notes.findById(bad))).status());
            assertEquals(
                    404, fails(() -> run(a, () -> Fixtures.delete(notes, bad))).status());
        }
    }

    // Rule 5: audit fields from the runtime only, on every write path
    @Test
    void auditFieldsAreStampedAndKept() {
        CurrentUser a = Fixtures.newOrgUser();
        CurrentUser b = Fixtures.user(a.orgId());
        Date forged = Date.from(Instant.parse("1999-01-01T00:00:00Z"));
        Document body = new Document("name", "p")
                .append("createdAt", forged)
                .append("createdBy", "evil")
                .append("updatedAt", forged)
                .append("updatedBy", "evil")
                .append("_id", new ObjectId());
        Date created = Date.from(CLOCK.instant());
        Document p = as(a, () -> projects.insert(body));
        assertEquals(created, p.getDate("createdAt"));
        assertEquals(a.userId(), p.getString("createdBy"));
        assertEquals(created, p.getDate("updatedAt"));
        assertEquals(a.userId(), p.getString("updatedBy"));
        assertFalse(p.get("_id").equals(body.get("_id")), "the client's _id is ignored");

        CLOCK.advance(Duration.ofMinutes(1));
        Document put = as(b, () -> Fixtures.replace(projects, id(p), body));
        assertEquals(created, put.getDate("createdAt"));
        assertEquals(a.userId(), put.getString("createdBy"));
        assertEquals(Date.from(CLOCK.instant()), put.getDate("updatedAt"));
        assertEquals(b.userId(), put.getString("updatedBy"));

        CLOCK.advance(Duration.ofMinutes(1));
        Document patched = as(
                a,
                () -> Fixtures.patch(
                        projects,
                        id(p),
                        new Document("name", "q").append("createdBy", "evil"),
                        Set.of("createdAt", "updatedAt")));
        assertEquals("q", patched.getString("name"));
        assertEquals(created, patched.getDate("createdAt"));
        assertEquals(a.userId(), patched.getString("createdBy"));
        assertEquals(Date.from(CLOCK.instant()), patched.getDate("updatedAt"));
        assertEquals(patched, as(a, () -> projects.findById(id(p))));
    }

    // Rule 6: refs exist and are visible; one 422 lists every bad ref
    @Test
    void foreignKeysAreChecked() {
        CurrentUser a = Fixtures.newOrgUser();
        CurrentUser b = Fixtures.user(a.orgId());
        CurrentUser stranger = Fixtures.newOrgUser();
        Document project = as(a, () -> projects.insert(new Document("name", "p")));
        Document foreignProject = as(stranger, () -> projects.insert(new Document("name", "x")));
        Document tag = as(a, () -> tags.insert(new Document("label", "t")));
        Document bNote = as(b, () -> notes.insert(new Document("title", "b")));

        Document ok = as(
                a,
                () -> notes.insert(new Document("title", "ok")
                        .append("projectId", id(project))
                        .append("tagIds", List.of(id(tag)))));
        assertEquals(project.getObjectId("_id"), ok.getObjectId("projectId"), "stored as ObjectId");

        ApiException e = fails(() -> as(
                a,
                () -> notes.insert(new Document("title", "bad")
                        .append("projectId", id(foreignProject))
                        .append("tagIds", List.of(id(tag), new ObjectId().toHexString(), "nope")))));
        assertEquals(422, e.status());
        assertEquals(3, e.errors().size(), e.errors().toString());
        assertTrue(e.errors().stream().allMatch(d -> d.type().equals("foreign_key")));
        assertTrue(e.errors().stream().anyMatch(d -> d.loc().equals(List.of("body", "projectId"))));
        assertTrue(e.errors().stream().anyMatch(d -> d.loc().equals(List.of("body", "tagIds", 2))));
        assertTrue(e.errors().stream().anyMatch(d -> d.loc().equals(List.of("body", "tagIds", 1))));

        // a user-scoped target of another user is refused like a missing one
        ApiException other =
                fails(() -> as(a, () -> tasks.insert(new Document("title", "t").append("noteId", id(bNote)))));
        assertEquals(422, other.status());
        assertEquals(List.of("body", "noteId"), other.errors().get(0).loc());
        // updates are checked too
        assertEquals(
                422,
                fails(() -> as(
                                a,
                                () -> Fixtures.patch(
                                        notes, id(ok), new Document("projectId", id(foreignProject)), Set.of())))
                        .status());
        assertEquals(
                422,
                fails(() -> as(
                                a,
                                () -> Fixtures.replace(
                                        notes, id(ok), new Document("projectId", new ObjectId().toHexString()))))
                        .status());
    }

    // Rule 6: onDelete restrict, cascade, set-null
    @Test
    void deletesFollowOnDelete() {
        CurrentUser a = Fixtures.newOrgUser();
        CurrentUser b = Fixtures.user(a.orgId());
        Document project = as(a, () -> projects.insert(new Document("name", "p")));
        Document tag = as(a, () -> tags.insert(new Document("label", "t")));
        Document keep = as(a, () -> tags.insert(new Document("label", "keep")));
        Document n1 = as(
                a,
                () -> notes.insert(new Document("title", "1")
                        .append("projectId", id(project))
                        .append("tagIds", List.of(id(tag), id(keep)))));
        Document n2 = as(b, () -> notes.insert(new Document("title", "2").append("projectId", id(project))));
        Document task = as(a, () -> tasks.insert(new Document("title", "t").append("noteId", id(n1))));

        // set-null on a list: the id is pulled, the rest stays; the audit pair moves
        CLOCK.advance(Duration.ofMinutes(1));
        run(a, () -> Fixtures.delete(tags, id(tag)));
        Document after = as(a, () -> notes.findById(id(n1)));
        assertEquals(List.of(keep.getObjectId("_id")), after.getList("tagIds", ObjectId.class));
        assertEquals(Date.from(CLOCK.instant()), after.getDate("updatedAt"));

        // restrict: a task refers to the project
        Document restricting = as(a, () -> tasks.insert(new Document("title", "r").append("projectId", id(project))));
        ApiException e = fails(() -> run(a, () -> Fixtures.delete(projects, id(project))));
        assertEquals(409, e.status());
        assertTrue(e.detail().contains("tasks"), e.detail());
        assertNotNull(as(a, () -> projects.findById(id(project))), "nothing deleted on a restrict");
        assertNotNull(as(a, () -> notes.findById(id(n1))));

        // cascade to both users' notes, and set-null from the cascaded note to the task
        run(a, () -> Fixtures.delete(tasks, id(restricting)));
        run(a, () -> Fixtures.delete(projects, id(project)));
        assertEquals(
                404, fails(() -> as(a, () -> projects.findById(id(project)))).status());
        assertEquals(404, fails(() -> as(a, () -> notes.findById(id(n1)))).status());
        assertEquals(404, fails(() -> as(b, () -> notes.findById(id(n2)))).status());
        Document orphan = as(a, () -> tasks.findById(id(task)));
        assertFalse(orphan.containsKey("noteId"), "emptied, not a stored null that a unique index would count");
        assertNull(orphan.get("noteId"));
    }

    // Rule 7: unique fields, 409 naming the field, on insert and update
    @Test
    void duplicatesAreConflicts() {
        CurrentUser a = Fixtures.newOrgUser();
        as(a, () -> projects.insert(new Document("name", "p").append("code", "P1")));
        Document second = as(a, () -> projects.insert(new Document("name", "q").append("code", "P2")));
        as(a, () -> projects.insert(new Document("name", "no code 1")));
        as(a, () -> projects.insert(new Document("name", "no code 2"))); // sparse: missing values don't collide
        ApiException e = fails(() -> as(a, () -> projects.insert(new Document("name", "r").append("code", "P1"))));
        assertEquals(409, e.status());
        assertTrue(e.detail().contains("code"), e.detail());
        assertEquals(List.of("body", "code"), e.errors().get(0).loc());
        assertEquals("unique", e.errors().get(0).type());
        assertEquals(
                409,
                fails(() -> as(a, () -> Fixtures.patch(projects, id(second), new Document("code", "P1"), Set.of())))
                        .status());
        assertEquals(
                409,
                fails(() -> as(a, () -> Fixtures.replace(projects, id(second), new Document("code", "P1"))))
                        .status());
        // another organisation has its own index
        as(Fixtures.newOrgUser(), () -> projects.insert(new Document("name", "p").append("code", "P1")));
    }

    // Rule 9: indexes for a real MongoDB, visible through listIndexes
    @Test
    void indexesAreCreatedPerTenant() {
        CurrentUser a = Fixtures.newOrgUser();
        data.prepareTenant(a.orgId()); // before any request of the organisation
        var db = data.tenants().database(a.orgId());
        List<String> noteIndexes = db.getCollection("notes")
                .listIndexes()
                .map(d -> d.getString("name"))
                .into(new ArrayList<>());
        assertTrue(
                noteIndexes.containsAll(
                        List.of("userId_1", "ref_projectId", "ref_tagIds", "createdAt_1", "updatedAt_1")),
                noteIndexes.toString());
        List<Document> projectIndexes =
                db.getCollection("projects").listIndexes().into(new ArrayList<>());
        assertTrue(
                projectIndexes.stream()
                        .anyMatch(d -> d.getString("name").equals("unique_code")
                                && Boolean.TRUE.equals(d.getBoolean("unique"))),
                projectIndexes.toString());
    }

    @Test
    void listsPageAndSortAndRefuseBadParameters() {
        CurrentUser a = Fixtures.newOrgUser();
        for (int i = 0; i < 5; i++) {
            int n = i;
            as(a, () -> notes.insert(new Document("title", "t" + n).append("priority", n % 2)));
        }
        Page<Document> page = as(a, () -> notes.list("{\"priority\": 0}", "-title", 1, 2));
        assertEquals(3, page.total());
        assertEquals(
                List.of("t2", "t0"),
                page.items().stream().map(d -> d.getString("title")).toList());
        assertEquals(
                400, fails(() -> as(a, () -> notes.list(null, "secret", 0, 10))).status());
        assertEquals(400, fails(() -> as(a, () -> notes.list(null, null, 0, 0))).status());
        assertEquals(
                400, fails(() -> as(a, () -> notes.list(null, null, -1, 10))).status());
        assertEquals(
                400, fails(() -> as(a, () -> notes.list(null, null, 0, 101))).status());
        assertEquals(
                400,
                fails(() -> as(a, () -> notes.list("{\"$where\": \"1\"}", null, 0, 10)))
                        .status());
        assertEquals(
                422,
                fails(() -> as(a, () -> notes.insert(new Document("$set", "x"))))
                        .status());
    }
}
