package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static dev.instacrud.cli.e2e.Http.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.instacrud.cli.e2e.E2eService.User;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tasks sample ({@code MODE=test}, rate limits off) on a MongoDB-protocol server the test started
 * itself and hands over as {@code MONGO_URL}, so the test can list the databases with its own client.
 * Notes are user-scoped ({@code path: my-notes}): two users of one organisation, plus another
 * organisation, show that no filter reaches another user's notes.
 */
class TasksUserScopeE2eTest {
    static MongoServer mongo;
    static MongoClient client;
    static E2eService svc;
    static User admin;
    static User member;
    static User outsider;
    static String task;
    static String outsiderTask;
    static Set<String> adminNotes = new HashSet<>();
    static Set<String> memberNotes = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        String url = "mongodb://127.0.0.1:" + address.getPort();
        client = MongoClients.create(url);
        svc = E2eService.start("tasks.yaml", Map.of("MODE", "test", "MONGO_URL", url));
        admin = svc.signupAdmin("admin@tasks.example.com", "Tasks Org");
        member = svc.invite(admin, "member@tasks.example.com", "USER");
        outsider = svc.signupAdmin("admin@other.example.com", "Other Org");
        String project =
                svc.create(admin, "projects", "{\"name\":\"Launch\"}").get("id").asText();
        task = svc.create(member, "tasks", "{\"title\":\"Write docs\",\"project\":\"" + project + "\"}")
                .get("id")
                .asText();
        String otherProject = svc.create(outsider, "projects", "{\"name\":\"Launch\"}")
                .get("id")
                .asText();
        outsiderTask = svc.create(outsider, "tasks", "{\"title\":\"Theirs\",\"project\":\"" + otherProject + "\"}")
                .get("id")
                .asText();
        for (int i = 0; i < 3; i++) {
            adminNotes.add(
                    svc.create(admin, "my-notes", "{\"body\":\"admin note " + i + "\",\"task\":\"" + task + "\"}")
                            .get("id")
                            .asText());
            memberNotes.add(svc.create(member, "my-notes", "{\"body\":\"member note " + i + "\",\"pinned\":true}")
                    .get("id")
                    .asText());
        }
        svc.create(outsider, "my-notes", "{\"body\":\"outsider note\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (svc != null) {
            svc.close();
        }
        client.close();
        mongo.shutdownNow();
    }

    static Set<String> ids(JsonNode page) {
        Set<String> ids = new HashSet<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void eachOrganisationHasItsOwnDatabase() {
        List<String> names = client.listDatabaseNames().into(new ArrayList<>());
        String dbAdmin = svc.service.data().tenants().databaseName(admin.orgId());
        String dbOutsider = svc.service.data().tenants().databaseName(outsider.orgId());
        assertTrue(names.containsAll(List.of(dbAdmin, dbOutsider)), names + " lacks " + dbAdmin + " or " + dbOutsider);
        assertEquals(member.orgId(), admin.orgId());
        assertEquals(
                1,
                client.getDatabase(dbAdmin)
                        .getCollection("tasks")
                        .countDocuments(Filters.eq("_id", new ObjectId(task))));
        assertEquals(
                0,
                client.getDatabase(dbOutsider)
                        .getCollection("tasks")
                        .countDocuments(Filters.eq("_id", new ObjectId(task))));
        assertEquals(6, client.getDatabase(dbAdmin).getCollection("my_notes").countDocuments());
        assertEquals(1, client.getDatabase(dbOutsider).getCollection("my_notes").countDocuments());
        // the system database holds accounts, never entity data
        String system = svc.service.data().systemDatabase().getName();
        assertTrue(names.contains(system));
        assertTrue(client.getDatabase(system).listCollectionNames().into(new ArrayList<>()).stream()
                .noneMatch(c -> c.equals("tasks") || c.equals("my_notes") || c.equals("projects")));
    }

    @Test
    void anOrWithAnotherUsersIdReturnsOnlyTheCallersNotes() throws Exception {
        for (String filter : List.of(
                "{\"$or\":[{\"userId\":\"" + admin.id() + "\"},{\"body\":{\"$exists\":true}}]}",
                "{\"$or\":[{\"userId\":{\"$in\":[\"" + admin.id() + "\",\"" + member.id()
                        + "\"]}},{\"pinned\":{\"$exists\":false}}]}",
                "{\"$or\":[{\"body\":{\"$exists\":true}},{\"body\":{\"$exists\":false}}]}",
                "{\"$nor\":[{\"pinned\":true}]}")) {
            HttpResponse<String> response =
                    svc.http.send("GET", "/api/v1/my-notes?limit=500&filter=" + q(filter), null, null, member.auth());
            // either refused (userId is not a client field) or answered within the caller's own notes
            if (response.statusCode() == 400) {
                assertTrue(Http.body(response).get("detail").asText().contains("userId"), response.body());
                continue;
            }
            JsonNode page = expect(200, response);
            assertTrue(memberNotes.containsAll(ids(page)), filter + " reached " + ids(page));
            for (JsonNode item : page.get("items")) {
                assertEquals(member.id(), item.get("createdBy").asText());
            }
        }
        // the plain filter that matches everything returns exactly the caller's notes, for each user
        String all = "{\"$or\":[{\"body\":{\"$exists\":true}},{\"body\":{\"$exists\":false}}]}";
        assertEquals(memberNotes, ids(expect(200, svc.get(member, "my-notes?limit=500&filter=" + q(all)))));
        assertEquals(adminNotes, ids(expect(200, svc.get(admin, "my-notes?limit=500&filter=" + q(all)))));
        assertEquals(
                1,
                expect(200, svc.get(outsider, "my-notes?limit=500"))
                        .get("total")
                        .asInt());
    }

    @Test
    void anotherUsersNoteIsNotFoundAndUnchanged() throws Exception {
        String note = adminNotes.iterator().next();
        String before = expect(200, svc.get(admin, "my-notes/" + note)).toString();
        expect(404, svc.get(member, "my-notes/" + note));
        expect(404, svc.http.json("PUT", "/api/v1/my-notes/" + note, "{\"body\":\"taken\"}", member.auth()));
        expect(404, svc.http.json("PATCH", "/api/v1/my-notes/" + note, "{\"body\":\"taken\"}", member.auth()));
        expect(404, svc.http.send("DELETE", "/api/v1/my-notes/" + note, null, null, member.auth()));
        expect(404, svc.get(outsider, "my-notes/" + note));
        assertEquals(before, expect(200, svc.get(admin, "my-notes/" + note)).toString());
    }

    @Test
    void aNoteCannotReferToAnotherOrganisationsTask() throws Exception {
        for (String ref : List.of(outsiderTask, new ObjectId().toHexString())) {
            JsonNode problem = expect(
                    422,
                    svc.http.json(
                            "POST", "/api/v1/my-notes", "{\"body\":\"x\",\"task\":\"" + ref + "\"}", member.auth()));
            assertEquals("foreign_key", problem.get("errors").get(0).get("type").asText(), problem.toString());
            assertEquals(
                    "[\"body\",\"task\"]",
                    problem.get("errors").get(0).get("loc").toString());
        }
        assertEquals(
                memberNotes.size(),
                expect(200, svc.get(member, "my-notes")).get("total").asInt());
        // the organisation's own task is fine
        JsonNode ok = svc.create(member, "my-notes", "{\"body\":\"fine\",\"task\":\"" + task + "\"}");
        assertEquals(task, ok.get("task").asText());
        expect(204, svc.http.send("DELETE", "/api/v1/my-notes/" + ok.get("id").asText(), null, null, member.auth()));
    }
}
