package dev.instacrud.runtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.instacrud.runtime.data.EntityRegistry;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.json.Json;
import dev.instacrud.runtime.testing.TestServer;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 7: the document a service serves describes every route it serves (the runtime's own from the
 * runtime's description, without regeneration) and nothing it does not; its schemas are valid JSON Schema 2020-12
 * (against the meta-schema bundled with the validator, offline), every reference resolves, every operation names its
 * problems, and real answers match their schemas. A document generated before the account lifecycle gets the
 * runtime's description of the account routes in place of its own.
 */
class ServedOpenApiTest {
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    /** A server over a data layer, serving the entity paths of an earlier generated document (answering 204). */
    static TestServer start(JsonNode generated, String... env) throws Exception {
        Routes entityRoutes = new Routes();
        for (Iterator<Map.Entry<String, JsonNode>> it = generated.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().matches("/api/v1/(projects|tasks|my-notes)(/\\{id})?")) {
                continue; // the runtime's own, described by that earlier document too
            }
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    switch (method) {
                        case "get" -> entityRoutes.get(path.getKey(), r -> ApiResponse.noContent());
                        case "post" -> entityRoutes.post(path.getKey(), r -> ApiResponse.noContent());
                        case "put" -> entityRoutes.put(path.getKey(), r -> ApiResponse.noContent());
                        case "patch" -> entityRoutes.patch(path.getKey(), r -> ApiResponse.noContent());
                        default -> entityRoutes.delete(path.getKey(), r -> ApiResponse.noContent());
                    }
                }
            }
        }
        return TestServer.startWithData(
                TestServer.env(env),
                java.time.Clock.systemUTC(),
                EntityRegistry.of(),
                data -> entityRoutes,
                builder -> builder.openApi(generated));
    }

    static JsonNode before() throws Exception {
        try (InputStream in = ServedOpenApiTest.class.getResourceAsStream("openapi-before-accounts.json")) {
            return Json.parse(in.readAllBytes());
        }
    }

    static JsonNode document(TestServer app) throws Exception {
        HttpResponse<String> response = app.get("/api/v1/openapi.json");
        assertEquals(200, response.statusCode());
        return TestServer.json(response);
    }

    @Test
    void everyServedRouteIsDescribedAndNothingElse() throws Exception {
        try (TestServer app = start(before())) {
            JsonNode doc = document(app);
            assertEquals("3.1.0", doc.get("openapi").asText());
            assertEquals(documentable(app.server.routes()), described(doc));
            assertFalse(doc.at("/paths").has("/api/v1/auth/oauth/{provider}/login"), "no provider, no OIDC routes");
            assertFalse(doc.at("/paths").has("/api/v1/admin/org-database"), "not org-db: not served, not described");
            assertTrue(doc.at("/paths/~1api~1v1~1audit/get").isObject());
            assertTrue(doc.at("/paths/~1api~1v1~1users~1{id}~1role/put").isObject());
            assertTrue(doc.at("/paths/~1api~1v1~1projects/get").isObject(), "the entities stay");
        }
        try (TestServer app = start(
                before(),
                "OIDC_PROVIDERS",
                "acme",
                "OIDC_ACME_ISSUER",
                "https://id.example.com",
                "OIDC_ACME_AUTHORIZE_URL",
                "https://id.example.com/authorize",
                "OIDC_ACME_TOKEN_URL",
                "https://id.example.com/token",
                "OIDC_ACME_JWKS_URL",
                "https://id.example.com/jwks",
                "OIDC_ACME_CLIENT_ID",
                "client",
                "OIDC_ACME_CLIENT_SECRET",
                "secret")) {
            JsonNode doc = document(app);
            assertEquals(documentable(app.server.routes()), described(doc));
            assertEquals(
                    List.of("acme"),
                    texts(doc.at("/paths/~1api~1v1~1auth~1oauth~1{provider}~1login/parameters/0/schema/enum")));
        }
    }

    @Test
    void anEarlierGeneratedDocumentGetsTheRuntimesAccountRoutes() throws Exception {
        JsonNode before = before();
        assertTrue(before.at("/components/schemas").has("Signup"), "the earlier document described sign-up itself");
        try (TestServer app = start(before)) {
            JsonNode doc = document(app);
            assertEquals(
                    "#/components/schemas/Account.Signup",
                    doc.at("/paths/~1api~1v1~1auth~1signup/post/requestBody/content/application~1json/schema/$ref")
                            .asText());
            assertTrue(doc.at("/paths/~1api~1v1~1auth~1signup/post/responses").has("202"));
            assertFalse(doc.at("/components/schemas").has("Signup"), "the earlier schema goes with its path");
            assertFalse(doc.at("/components/schemas").has("Signin"));
            assertTrue(doc.at("/components/schemas").has("TaskInput"));
            assertEquals(
                    "shop".equals(before.at("/info/title").asText())
                            ? "shop"
                            : before.at("/info/title").asText(),
                    doc.at("/info/title").asText());
        }
    }

    @Test
    void theDocumentIsWellFormedAndItsSchemasAreJsonSchema202012() throws Exception {
        try (TestServer app = start(before())) {
            JsonNode doc = document(app);
            Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            doc.at("/components/schemas").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> schema = it.next();
                List<Error> errors = meta.validate(schema.getValue().toString(), InputFormat.JSON);
                assertEquals(List.of(), errors.stream().map(Error::toString).toList(), schema.getKey());
            }
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertFalse(refs.isEmpty());
            for (String ref : refs) {
                assertFalse(doc.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
            }
            Set<String> ids = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (String method : METHODS) {
                    JsonNode op = path.getValue().get(method);
                    if (op == null) {
                        continue;
                    }
                    String where = method + " " + path.getKey();
                    assertTrue(ids.add(op.get("operationId").asText()), "operationId twice: " + where);
                    assertTrue(op.get("summary").asText().length() > 5, where);
                    boolean success = false;
                    boolean problems = false;
                    for (Iterator<String> statuses = op.get("responses").fieldNames(); statuses.hasNext(); ) {
                        String status = statuses.next();
                        success |= status.startsWith("2") || status.startsWith("3");
                        problems |= status.startsWith("4") || status.startsWith("5");
                    }
                    assertTrue(success && problems, where + " lacks a success or its problems");
                }
            }
            assertTrue(
                    doc.at("/paths/~1api~1v1~1auth~1refresh/post/security").isArray()
                            && doc.at("/paths/~1api~1v1~1auth~1refresh/post/security")
                                    .isEmpty(),
                    "public routes say so");
            assertTrue(doc.at("/paths/~1api~1v1~1users/get/security").isMissingNode(), "the rest need a bearer token");
        }
    }

    @Test
    void realAnswersMatchTheirSchemas() throws Exception {
        try (TestServer app = start(before())) {
            JsonNode doc = document(app);
            HttpResponse<String> signup = app.post(
                    "/api/v1/auth/signup",
                    "{\"email\":\"doc@example.com\",\"password\":\"correct horse\",\"name\":\"Doc\",\"organization\":\"Docs\"}");
            assertValid(doc, "Account.Created", signup.body());
            HttpResponse<String> signin =
                    app.post("/api/v1/auth/signin", "{\"email\":\"doc@example.com\",\"password\":\"correct horse\"}");
            assertValid(doc, "Account.Tokens", signin.body());
            String bearer =
                    "Bearer " + TestServer.json(signin).get("access_token").asText();
            assertValid(
                    doc,
                    "Account.Me",
                    app.get("/api/v1/me", "Authorization", bearer).body());
            assertValid(
                    doc,
                    "Account.MemberPage",
                    app.get("/api/v1/users", "Authorization", bearer).body());
            assertValid(
                    doc,
                    "Account.InvitationCreated",
                    app.post(
                                    "/api/v1/auth/invitations",
                                    "{\"email\":\"guest@example.com\",\"role\":\"USER\"}",
                                    "Authorization",
                                    bearer)
                            .body());
            assertValid(
                    doc,
                    "Account.InvitationPage",
                    app.get("/api/v1/auth/invitations", "Authorization", bearer).body());
            assertValid(
                    doc,
                    "Audit.Page",
                    app.get("/api/v1/audit", "Authorization", bearer).body());
            assertValid(
                    doc,
                    "Account.Accepted",
                    app.post("/api/v1/auth/password-reset", "{\"email\":\"doc@example.com\"}")
                            .body());
            assertValid(
                    doc,
                    "Problem",
                    app.get("/api/v1/users?role=nobody", "Authorization", bearer)
                            .body());
            assertValid(doc, "Service.Health", app.get("/health").body());
        }
    }

    static void assertValid(JsonNode doc, String schema, String body) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$ref", "#/components/schemas/" + schema);
        root.set("components", doc.get("components"));
        List<Error> errors =
                REGISTRY.getSchema(root.toString(), InputFormat.JSON).validate(body, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), schema + ": " + body);
    }

    static Set<String> documentable(List<String> served) {
        Set<String> out = new TreeSet<>(served);
        out.removeAll(OpenApiDocument.UNDESCRIBED);
        return out;
    }

    static Set<String> described(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return out;
    }

    static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
