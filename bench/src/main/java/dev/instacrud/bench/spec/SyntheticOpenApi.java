package dev.instacrud.bench.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an OpenAPI 3.0 document with the same N resources as {@link SyntheticSpec}, for the peer comparison
 * ({@code bench/run-peer.sh}): a peer generator gets the API our generator gets from the spec, described the way its
 * users would describe it.
 *
 * <p>Per entity: {@code GET} (a page, with {@code page}, {@code size} and a {@code status} filter) and {@code POST} on
 * {@code /entities-NNNN}; {@code GET}, {@code PUT}, {@code PATCH} and {@code DELETE} on {@code /entities-NNNN/{id}};
 * the schemas {@code EntityNNNN} (as stored: id and audit fields), {@code EntityNNNNInput} (what a client sends,
 * with the spec's constraints: lengths, patterns, bounds, the enum and its default, the date format, the list's
 * size, the ref to the parent as an id) and {@code EntityNNNNPage}; one shared {@code Problem}. Bearer
 * authentication on every operation. Like the spec, it depends on N only.
 */
public final class SyntheticOpenApi {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SyntheticOpenApi() {}

    /** The document for {@code n} entities ({@code n >= 1}). */
    public static ObjectNode render(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        ObjectNode root = JSON.objectNode();
        root.put("openapi", "3.0.3");
        root.putObject("info").put("title", "bench-" + n).put("version", "1.0.0");
        root.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        components
                .putObject("securitySchemes")
                .putObject("bearer")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Problem", problem());
        for (int i = 1; i <= n; i++) {
            String name = SyntheticSpec.entityName(i);
            String tag = SyntheticSpec.entityPath(i);
            paths.set("/" + tag, collection(name, tag));
            paths.set("/" + tag + "/{id}", item(name, tag));
            schemas.set(name + "Input", input(i));
            schemas.set(name, stored(name));
            schemas.set(name + "Page", page(name));
        }
        return root;
    }

    /** Writes {@link #render(int)} to {@code file} as JSON, creating parent folders. */
    public static void write(int n, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), render(n));
    }

    private static ObjectNode collection(String name, String tag) {
        ObjectNode path = JSON.objectNode();
        ObjectNode list = operation(tag, "list" + name, "A page of " + name + " documents.");
        ArrayNode parameters = list.putArray("parameters");
        parameters.add(query(
                "page",
                JSON.objectNode().put("type", "integer").put("minimum", 0).put("default", 0)));
        parameters.add(query(
                "size",
                JSON.objectNode()
                        .put("type", "integer")
                        .put("minimum", 1)
                        .put("maximum", 500)
                        .put("default", 50)));
        parameters.add(query("status", statusSchema()));
        list.putObject("responses").set("200", json("The page.", ref(name + "Page")));
        problems(list, "400");
        path.set("get", list);

        ObjectNode create = operation(tag, "create" + name, "Creates a " + name + ".");
        create.set("requestBody", body(name + "Input"));
        create.putObject("responses").set("201", json("Created.", ref(name)));
        problems(create, "400", "409", "422");
        path.set("post", create);
        return path;
    }

    private static ObjectNode item(String name, String tag) {
        ObjectNode path = JSON.objectNode();
        path.putArray("parameters")
                .addObject()
                .put("name", "id")
                .put("in", "path")
                .put("required", true)
                .set("schema", idSchema());
        ObjectNode get = operation(tag, "get" + name, "One " + name + " by id.");
        get.putObject("responses").set("200", json("Found.", ref(name)));
        problems(get, "404");
        path.set("get", get);
        ObjectNode replace = operation(tag, "replace" + name, "Replaces a " + name + ".");
        replace.set("requestBody", body(name + "Input"));
        replace.putObject("responses").set("200", json("Replaced.", ref(name)));
        problems(replace, "400", "404", "409", "422");
        path.set("put", replace);
        ObjectNode patch = operation(tag, "patch" + name, "Changes some fields of a " + name + ".");
        patch.set("requestBody", body(name + "Input"));
        patch.putObject("responses").set("200", json("Changed.", ref(name)));
        problems(patch, "400", "404", "409", "422");
        path.set("patch", patch);
        ObjectNode delete = operation(tag, "delete" + name, "Deletes a " + name + ", following its refs' rules.");
        delete.putObject("responses").putObject("204").put("description", "Deleted.");
        problems(delete, "404", "409");
        path.set("delete", delete);
        return path;
    }

    private static ObjectNode input(int i) {
        ObjectNode schema = JSON.objectNode().put("type", "object").put("additionalProperties", false);
        schema.putArray("required").add("name");
        ObjectNode p = schema.putObject("properties");
        p.putObject("name")
                .put("type", "string")
                .put("minLength", 1)
                .put("maxLength", 80)
                .put("pattern", "^[A-Za-z0-9 .'-]+$");
        p.putObject("code")
                .put("type", "string")
                .put("minLength", 4)
                .put("maxLength", 12)
                .put("pattern", "^[A-Z]{3}[0-9]{1,9}$")
                .put("description", "Unique in the organisation.");
        p.putObject("quantity")
                .put("type", "integer")
                .put("format", "int32")
                .put("minimum", 0)
                .put("maximum", 1000 + i);
        p.putObject("price")
                .put("type", "number")
                .put("format", "double")
                .put("minimum", 0)
                .put("maximum", 1000000);
        p.set("status", statusSchema().put("default", "draft"));
        p.putObject("startDate").put("type", "string").put("format", "date");
        p.putObject("tags")
                .put("type", "array")
                .put("maxItems", 10)
                .putObject("items")
                .put("type", "string");
        if (i > 1) {
            p.set(
                    "parent",
                    idSchema()
                            .put("nullable", true)
                            .put("description", "The id of a " + SyntheticSpec.entityName(SyntheticSpec.refTarget(i))));
        }
        return schema;
    }

    private static ObjectNode stored(String name) {
        ObjectNode schema = JSON.objectNode();
        ArrayNode all = schema.putArray("allOf");
        all.add(ref(name + "Input"));
        ObjectNode audit = all.addObject().put("type", "object");
        audit.putArray("required").add("id").add("createdAt").add("updatedAt");
        ObjectNode p = audit.putObject("properties");
        p.set("id", idSchema());
        for (String at : new String[] {"createdAt", "updatedAt"}) {
            p.putObject(at).put("type", "string").put("format", "date-time");
        }
        for (String by : new String[] {"createdBy", "updatedBy"}) {
            p.set(by, idSchema());
        }
        return schema;
    }

    private static ObjectNode page(String name) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        schema.putArray("required").add("items").add("total");
        ObjectNode p = schema.putObject("properties");
        p.putObject("items").put("type", "array").set("items", ref(name));
        p.putObject("total").put("type", "integer").put("format", "int64");
        p.putObject("page").put("type", "integer");
        p.putObject("size").put("type", "integer");
        return schema;
    }

    private static ObjectNode problem() {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode p = schema.putObject("properties");
        for (String field : new String[] {"type", "title", "detail", "instance"}) {
            p.putObject(field).put("type", "string");
        }
        p.putObject("status").put("type", "integer");
        return schema;
    }

    private static ObjectNode operation(String tag, String id, String summary) {
        ObjectNode operation = JSON.objectNode();
        operation.putArray("tags").add(tag);
        return operation.put("operationId", id).put("summary", summary);
    }

    private static void problems(ObjectNode operation, String... statuses) {
        ObjectNode responses = (ObjectNode) operation.get("responses");
        for (String status : statuses) {
            responses
                    .putObject(status)
                    .put("description", "A problem.")
                    .putObject("content")
                    .putObject("application/problem+json")
                    .set("schema", ref("Problem"));
        }
        responses.putObject("401").put("description", "Not signed in.");
    }

    private static ObjectNode query(String name, ObjectNode schema) {
        return JSON.objectNode()
                .put("name", name)
                .put("in", "query")
                .put("required", false)
                .set("schema", schema);
    }

    private static ObjectNode body(String schema) {
        ObjectNode body = JSON.objectNode().put("required", true);
        body.putObject("content").putObject("application/json").set("schema", ref(schema));
        return body;
    }

    private static ObjectNode json(String description, ObjectNode schema) {
        ObjectNode response = JSON.objectNode().put("description", description);
        response.putObject("content").putObject("application/json").set("schema", schema);
        return response;
    }

    private static ObjectNode ref(String schema) {
        return JSON.objectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode idSchema() {
        return JSON.objectNode().put("type", "string").put("pattern", "^[0-9a-f]{24}$");
    }

    private static ObjectNode statusSchema() {
        ObjectNode schema = JSON.objectNode().put("type", "string");
        schema.putArray("enum").add("draft").add("active").add("archived");
        return schema;
    }

    /** {@code SyntheticOpenApi N FILE}: writes the document for N entities to FILE. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticOpenApi N FILE");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        write(n, file);
        System.out.println("wrote " + n + " resources to " + file);
    }
}
