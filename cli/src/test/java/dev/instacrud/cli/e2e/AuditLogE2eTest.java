package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.cli.e2e.E2eService.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6 against a generated service: the {@code studio} spec ({@code cli/src/test/resources/e2e}), whose
 * projects cascade to their tasks, tasks to every member's private notes, and whose comments and blocking tasks are
 * emptied by {@code set-null}. The audit log records every write (create, replace, patch), every document a delete
 * removes or empties, each with the names of the fields written, the actor and the request, and never the value of
 * a secret field.
 */
class AuditLogE2eTest {
    static final String API_KEY = "sk-live-9f8e7d6c5b4a39281706f5e4";
    static final String ACCESS_CODE = "door-code-4711-secret";
    static E2eService svc;
    static User admin;
    static User member;

    @BeforeAll
    static void start() throws Exception {
        svc = E2eService.start(Path.of("src", "test", "resources", "e2e", "studio.yaml"), Map.of("MODE", "test"));
        admin = svc.signupAdmin("admin@studio.example.com", "Studio");
        member = svc.invite(admin, "member@studio.example.com", "USER");
    }

    @AfterAll
    static void stop() throws Exception {
        if (svc != null) {
            svc.close();
        }
    }

    /** Every record of the organisation's log, newest first, page by page. */
    static List<JsonNode> log(String query) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = expect(
                    200,
                    svc.http.send(
                            "GET",
                            "/api/v1/audit?limit=200&offset=" + offset + (query.isEmpty() ? "" : "&" + query),
                            null,
                            null,
                            admin.auth()));
            page.get("items").forEach(records::add);
            offset += page.get("items").size();
            if (offset >= page.get("total").asInt()) {
                return records;
            }
        }
    }

    static List<String> fields(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.get("fields").forEach(n -> names.add(n.asText()));
        return names;
    }

    @Test
    void writesAndEveryDocumentOfACascadeAreRecordedWithoutASecret() throws Exception {
        String project = svc.create(admin, "projects", "{\"name\":\"Launch\",\"apiKey\":\"" + API_KEY + "\"}")
                .get("id")
                .asText();
        String other =
                svc.create(admin, "projects", "{\"name\":\"Other\"}").get("id").asText();
        String first = svc.create(
                        member,
                        "tasks",
                        "{\"title\":\"First\",\"project\":\"" + project + "\",\"accessCode\":\"" + ACCESS_CODE + "\"}")
                .get("id")
                .asText();
        String second = svc.create(member, "tasks", "{\"title\":\"Second\",\"project\":\"" + project + "\"}")
                .get("id")
                .asText();
        String blocked = svc.create(
                        admin,
                        "tasks",
                        "{\"title\":\"Blocked\",\"project\":\"" + other + "\",\"blockedBy\":[\"" + first + "\"]}")
                .get("id")
                .asText();
        String comment = svc.create(member, "comments", "{\"body\":\"on the first\",\"task\":\"" + first + "\"}")
                .get("id")
                .asText();
        String adminNote = svc.create(admin, "notes", "{\"text\":\"mine\",\"task\":\"" + first + "\"}")
                .get("id")
                .asText();
        String memberNote = svc.create(member, "notes", "{\"text\":\"theirs\",\"task\":\"" + second + "\"}")
                .get("id")
                .asText();
        HttpResponse<String> patchedOnce = svc.http.send(
                "PATCH",
                "/api/v1/tasks/" + blocked,
                "application/merge-patch+json",
                "{\"title\":\"Blocked still\"}",
                admin.auth());
        expect(200, patchedOnce);
        // a write refused by its precondition changed nothing, so it leaves no record
        expect(
                412,
                svc.http.send(
                        "PATCH",
                        "/api/v1/tasks/" + blocked,
                        "application/merge-patch+json",
                        "{\"title\":\"Stale\"}",
                        admin.auth("If-Match", "\"1\"")));
        expect(
                200,
                svc.http.json(
                        "PUT",
                        "/api/v1/projects/" + other,
                        "{\"name\":\"Other\",\"apiKey\":\"" + API_KEY + "\"}",
                        admin.auth()));

        HttpResponse<String> deleted = svc.http.send("DELETE", "/api/v1/projects/" + project, null, null, admin.auth());
        expect(204, deleted);
        String requestId = deleted.headers().firstValue("X-Request-ID").orElseThrow();

        List<JsonNode> all = log("");
        Map<String, JsonNode> byDocument = new HashMap<>();
        for (JsonNode record : all) {
            if (record.get("requestId").asText().equals(requestId)) {
                assertTrue(
                        byDocument.put(record.get("entityId").asText(), record) == null,
                        "one record per document of the delete: " + record);
                assertEquals(admin.id(), record.get("actor").asText());
            }
        }
        assertEquals("delete", byDocument.get(project).get("action").asText());
        assertEquals("Project", byDocument.get(project).get("entity").asText());
        for (String task : List.of(first, second)) {
            assertEquals("cascade_delete", byDocument.get(task).get("action").asText());
            assertEquals("Task", byDocument.get(task).get("entity").asText());
        }
        for (String note : List.of(adminNote, memberNote)) {
            assertEquals("cascade_delete", byDocument.get(note).get("action").asText(), "everyone's private notes");
            assertEquals("Note", byDocument.get(note).get("entity").asText());
        }
        assertEquals("cascade_set_null", byDocument.get(comment).get("action").asText());
        assertEquals(List.of("task"), fields(byDocument.get(comment)));
        assertEquals("cascade_set_null", byDocument.get(blocked).get("action").asText());
        assertEquals(List.of("blockedBy"), fields(byDocument.get(blocked)));
        assertEquals(7, byDocument.size(), byDocument.keySet().toString());

        JsonNode created =
                log("action=create&entity=Project&entityId=" + project).get(0);
        assertEquals(admin.id(), created.get("actor").asText());
        assertTrue(
                fields(created).containsAll(List.of("name", "apiKey")),
                fields(created).toString());
        // a PATCH is recorded as a patch (never a replace), once, with the one field it changed and its request
        List<JsonNode> writes = log("entity=Task&entityId=" + blocked).stream()
                .filter(r -> !r.get("action").asText().startsWith("cascade_"))
                .toList();
        assertEquals(
                List.of("patch", "create"),
                writes.stream().map(r -> r.get("action").asText()).toList(),
                writes.toString());
        JsonNode patched = writes.get(0);
        assertEquals(List.of("title"), fields(patched));
        assertEquals(admin.id(), patched.get("actor").asText());
        assertEquals(
                patchedOnce.headers().firstValue("X-Request-ID").orElseThrow(),
                patched.get("requestId").asText());
        List<JsonNode> replaced = log("action=replace&entityId=" + other);
        assertEquals(1, replaced.size(), "a PUT is recorded as a replace: " + replaced);
        assertEquals(List.of("apiKey"), fields(replaced.get(0)), "the names of the fields that changed");
        assertTrue(log("action=patch&entityId=" + other).isEmpty(), "a PUT is not recorded as a patch");
        assertEquals(
                member.id(),
                log("action=create&entityId=" + first).get(0).get("actor").asText());

        String everything = all.toString();
        for (String secret : List.of(API_KEY, ACCESS_CODE, E2eService.PASSWORD)) {
            assertFalse(everything.contains(secret), "the audit log holds a secret value");
        }
        for (Document stored : svc.service
                .data()
                .tenants()
                .database(admin.orgId())
                .getCollection("audit")
                .find()) {
            assertFalse(stored.toJson().contains(API_KEY) || stored.toJson().contains(ACCESS_CODE), stored.toJson());
        }
    }

    @Test
    void theLogIsReadOnlyAndOnlyAdministratorsReadIt() throws Exception {
        expect(403, svc.http.send("GET", "/api/v1/audit", null, null, member.auth()));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            expect(405, svc.http.json(method, "/api/v1/audit", method.equals("DELETE") ? null : "{}", admin.auth()));
        }
        assertFalse(log("action=signin").isEmpty());
        assertEquals(
                "signup",
                log("actor=" + member.id() + "&action=signup")
                        .get(0)
                        .get("action")
                        .asText());
    }
}
