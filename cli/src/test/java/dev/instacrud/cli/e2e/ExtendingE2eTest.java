package dev.instacrud.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code samples/tasks.yaml} extended as a developer would, without editing generated code: its {@code
 * TasksEndpoints} class holds routes of their own, and a hooks class (named in {@code META-INF/services}) hides
 * archived projects from lists and masks a summary for READ_ONLY members. The routes of one's own get the same
 * protections as the generated ones; lists search literally and page by cursor over HTTP with {@code Link} headers.
 */
class ExtendingE2eTest {
    static final String ENDPOINTS = """
            package org.example.tasks;

            import dev.instacrud.runtime.context.Role;
            import dev.instacrud.runtime.data.DataLayer;
            import dev.instacrud.runtime.data.ListQuery;
            import dev.instacrud.runtime.error.ApiException;
            import dev.instacrud.runtime.http.ApiResponse;
            import dev.instacrud.runtime.http.Routes;
            import java.util.Map;

            final class TasksEndpoints {
                private final DataLayer data;

                TasksEndpoints(DataLayer data) {
                    this.data = data;
                }

                void addTo(Routes routes) {
                    ProjectRepository projects = new ProjectRepository(data);
                    routes.get("/api/v1/reports/projects-count", request -> ApiResponse.ok(Map.of(
                                    "count", projects.list(ListQuery.firstPage(1)).total(),
                                    "who", request.requireUser().email())))
                            .queryParams("verbose");
                    routes.post("/api/v1/reports/reset", request -> {
                                request.requireOnlyFields("confirm");
                                throw new ApiException(409, "Conflict", "Nothing to reset");
                            })
                            .requireRole(Role.ORG_ADMIN);
                }
            }
            """;

    static final String HOOKS = """
            package org.example.tasks.custom;

            import com.mongodb.client.model.Filters;
            import dev.instacrud.runtime.context.RequestContext;
            import dev.instacrud.runtime.context.Role;
            import dev.instacrud.runtime.data.ListQuery;
            import org.example.tasks.Project;
            import org.example.tasks.ProjectHooks;

            /** Archived projects stay out of lists; READ_ONLY members never read a summary. */
            public final class ProjectRules implements ProjectHooks {
                @Override
                public ListQuery beforeList(ListQuery query) {
                    return query.and(Filters.ne("archived", true));
                }

                @Override
                public Project afterRead(Project project) {
                    if (RequestContext.requireUser().role() != Role.READ_ONLY) {
                        return project;
                    }
                    return new Project(project.id(), project.name(), null, project.dueOn(), project.archived(),
                            project.createdAt(), project.createdBy(), project.updatedAt(), project.updatedBy());
                }
            }
            """;

    static E2eService app;
    static E2eService.User ada;
    static E2eService.User reader;
    static E2eService.User member;
    static E2eService.User bob;

    @BeforeAll
    static void start() throws Exception {
        app = E2eService.start(
                Path.of("..", "samples", "tasks.yaml"),
                Map.of("API_RATE_LIMIT", "400/minute"),
                Map.of(
                        "org/example/tasks/TasksEndpoints.java", ENDPOINTS,
                        "org/example/tasks/custom/ProjectRules.java", HOOKS,
                        "META-INF/services/org.example.tasks.ProjectHooks", "org.example.tasks.custom.ProjectRules\n"));
        ada = app.signupAdmin("ada@extending.test", "Ada's");
        reader = app.invite(ada, "reader@extending.test", "READ_ONLY");
        member = app.invite(ada, "member@extending.test", "USER");
        bob = app.signupAdmin("bob@extending.test", "Bob's");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void aRouteOfOnesOwnIsProtectedLikeTheGeneratedOnes() throws Exception {
        E2eService.User eve = app.signupAdmin("eve@extending.test", "Eve's");
        app.create(eve, "projects", "{\"name\":\"Apollo\"}");
        app.create(eve, "projects", "{\"name\":\"Gemini\"}");
        app.create(bob, "projects", "{\"name\":\"Vostok\"}");

        // authentication: no token, a forged one
        HttpResponse<String> anonymous = app.http.send("GET", "/api/v1/reports/projects-count", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals(
                "Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(
                "application/problem+json",
                anonymous.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                401,
                app.http
                        .send("GET", "/api/v1/reports/projects-count", null, null, "Authorization", "Bearer x.y.z")
                        .statusCode());
        // the request context: each caller's own organisation, counted by the generated repository
        assertEquals(
                2,
                Http.expect(200, app.get(eve, "reports/projects-count"))
                        .get("count")
                        .asInt());
        assertEquals(
                1,
                Http.expect(200, app.get(bob, "reports/projects-count"))
                        .get("count")
                        .asInt());
        assertEquals(
                "bob@extending.test",
                Http.expect(200, app.get(bob, "reports/projects-count"))
                        .get("who")
                        .asText());
        // the query string as strict as the generated routes'
        assertEquals(200, app.get(ada, "reports/projects-count?verbose=1").statusCode());
        HttpResponse<String> unknown = app.get(ada, "reports/projects-count?verbos=1");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("Unknown query parameter 'verbos'"), unknown.body());
        // roles: READ_ONLY never writes, a USER is not the ORG_ADMIN the route asks for
        assertEquals(
                403,
                app.http
                        .json("POST", "/api/v1/reports/reset", "{}", reader.auth())
                        .statusCode());
        assertEquals(
                403,
                app.http
                        .json("POST", "/api/v1/reports/reset", "{}", member.auth())
                        .statusCode());
        // strict bodies, and the route's own refusal as problem+json
        assertEquals(
                400,
                app.http
                        .json("POST", "/api/v1/reports/reset", "{\"confirm\":", ada.auth())
                        .statusCode());
        assertEquals(
                415,
                app.http
                        .send("POST", "/api/v1/reports/reset", "text/plain", "confirm", ada.auth())
                        .statusCode());
        HttpResponse<String> extra = app.http.json("POST", "/api/v1/reports/reset", "{\"drop\":true}", ada.auth());
        assertEquals(422, extra.statusCode());
        HttpResponse<String> refused = app.http.json("POST", "/api/v1/reports/reset", "{\"confirm\":true}", ada.auth());
        assertEquals(409, refused.statusCode());
        assertEquals("Nothing to reset", Http.expect(409, refused).get("detail").asText());
        // the per-user rate limit counts these routes too
        E2eService.User busy = app.signupAdmin("busy@extending.test", "Busy");
        int status = 200;
        for (int i = 0; i < 450 && status != 429; i++) {
            status = app.get(busy, "reports/projects-count").statusCode();
        }
        assertEquals(429, status);
        HttpResponse<String> limited = app.get(busy, "reports/projects-count");
        assertTrue(
                limited.headers().firstValue("Retry-After").isPresent(),
                limited.headers().toString());
    }

    @Test
    void readHooksFilterListsAndChangeWhatIsRead() throws Exception {
        E2eService.User carol = app.signupAdmin("carol@extending.test", "Carol's");
        E2eService.User carolsReader = app.invite(carol, "carols-reader@extending.test", "READ_ONLY");
        String open = app.create(carol, "projects", "{\"name\":\"Open\",\"summary\":\"the plan\"}")
                .get("id")
                .asText();
        app.create(carol, "projects", "{\"name\":\"Closed\",\"archived\":true}");
        JsonNode listed = Http.expect(200, app.get(carol, "projects"));
        assertEquals(1, listed.get("items").size(), "beforeList keeps archived projects out: " + listed);
        assertEquals("Open", listed.get("items").get(0).get("name").asText());
        assertEquals(1, listed.get("total").asInt(), "the total counts what the list shows");
        assertEquals(
                "the plan",
                Http.expect(200, app.get(carol, "projects/" + open))
                        .get("summary")
                        .asText());
        JsonNode asReader = Http.expect(200, app.get(carolsReader, "projects/" + open));
        assertFalse(asReader.has("summary") && !asReader.get("summary").isNull(), "afterRead hid it: " + asReader);
        JsonNode readerList = Http.expect(200, app.get(carolsReader, "projects"));
        assertTrue(readerList.get("items").get(0).path("summary").isNull()
                || readerList.get("items").get(0).path("summary").isMissingNode());
    }

    private static String link(HttpResponse<String> response, String rel) {
        String header = response.headers().firstValue("Link").orElse("");
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void listsSearchLiterallyAndPageByCursorWithLinkHeaders() throws Exception {
        E2eService.User dan = app.signupAdmin("dan@extending.test", "Dan's");
        String project =
                app.create(dan, "projects", "{\"name\":\"Search\"}").get("id").asText();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String title = (i % 4 == 0 ? "Fix a.b bug " : "Write docs ") + i;
            created.add(app.create(dan, "tasks", "{\"title\":\"" + title + "\",\"project\":\"" + project + "\"}")
                    .get("id")
                    .asText());
        }
        app.create(dan, "tasks", "{\"title\":\"Fix axb bug\",\"project\":\"" + project + "\"}");
        app.create(
                ada,
                "tasks",
                "{\"title\":\"Fix a.b bug elsewhere\",\"project\":\""
                        + app.create(ada, "projects", "{\"name\":\"Other org\"}")
                                .get("id")
                                .asText() + "\"}");

        JsonNode found = Http.expect(200, app.get(dan, "tasks?q=A.B&limit=100"));
        assertEquals(10, found.get("items").size(), "literal, case-insensitive, only Dan's organisation: " + found);
        found.get("items").forEach(t -> assertTrue(t.get("title").asText().startsWith("Fix a.b bug")));
        assertEquals(400, app.get(dan, "tasks?q=" + "x".repeat(101)).statusCode());

        // cursor pages through Link headers: every task exactly once, no total with count=false
        Map<String, Integer> seen = new HashMap<>();
        String next = "/api/v1/tasks?limit=7&count=false&sort=-priority,title";
        int pages = 0;
        HttpResponse<String> page = null;
        while (next != null && pages++ < 20) {
            page = app.http.send("GET", next, null, null, dan.auth());
            JsonNode body = Http.expect(200, page);
            assertFalse(body.has("total"), "count=false: " + body);
            body.get("items").forEach(t -> seen.merge(t.get("id").asText(), 1, Integer::sum));
            next = link(page, "next");
        }
        assertEquals(41, seen.size());
        seen.values().forEach(n -> assertEquals(1, n));
        assertTrue(seen.keySet().containsAll(created));
        String prev = link(page, "prev");
        assertNotNull(prev, "the last page links back");
        assertTrue(prev.contains("before=") && prev.contains("sort=-priority%2Ctitle"), prev);
        assertEquals(
                7,
                Http.expect(200, app.http.send("GET", prev, null, null, dan.auth()))
                        .get("items")
                        .size());
        JsonNode first = Http.expect(200, app.get(dan, "tasks?limit=7"));
        assertNull(first.get("prev"));
        assertEquals(41, first.get("total").asInt());
        // a cursor is opaque and tamper-evident
        String cursor = first.get("next").asText();
        HttpResponse<String> forged = app.get(dan, "tasks?limit=7&after=" + cursor.replace('A', 'B') + "x");
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("invalid_cursor"), forged.body());
        assertEquals(400, app.get(dan, "tasks?limit=7&offset=7&after=" + cursor).statusCode());
        assertEquals(400, app.get(dan, "tasks?limt=7").statusCode(), "an unknown parameter");
        assertEquals(400, app.get(dan, "tasks?limit=7&limit=8").statusCode(), "a parameter twice");
        assertEquals(List.of(), List.of()); // (every check above asserts)
    }
}
