package dev.instacrud.generator.writer.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.Operation;
import dev.instacrud.generator.model.ServiceModel;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Writes the OpenAPI 3.1 document of a service's entities: every entity route, and every entity as JSON Schema with
 * the spec's constraints. Built as a JSON tree rather than from a template, because a tree cannot produce invalid
 * JSON whatever the spec's strings contain. Secret fields appear only in input schemas, marked {@code writeOnly}.
 *
 * <p>The routes the runtime owns (accounts, sessions, members, invitations, the audit log, OIDC, health) are not
 * written here: the runtime describes them itself and merges that description into this document when it serves it
 * ({@code /api/v1/openapi.json}), so a runtime upgrade describes what it serves without regenerating.
 */
public final class OpenApiWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PROBLEM = "#/components/schemas/Problem";
    // What every entity shares is written once under components and referred to: the problem answers, the id
    // parameter and the list's query parameters (all but q, whose description names the entity's fields). Repeated
    // per operation they were over half the document.
    private static final String PROBLEM_RESPONSE = "#/components/responses/Problem";
    private static final String PARAMETERS = "#/components/parameters/";

    private OpenApiWriter() {}

    /** The document of a checked model, as indented JSON ending in a newline. */
    public static String write(ServiceModel service) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", service.name());
        info.put("version", "1.0.0");
        service.description().ifPresent(d -> info.put("description", d));
        doc.putArray("security").addObject().putArray("bearerAuth");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = NODES.objectNode();
        for (EntityModel entity : service.entities()) {
            entityPaths(paths, entity);
            schemas.set(entity.name(), entitySchema(entity, false));
            schemas.set(entity.name() + "Input", entitySchema(entity, true));
            ObjectNode page = schemas.putObject(entity.name() + "Page");
            page.put("type", "object");
            ObjectNode props = page.putObject("properties");
            props.putObject("items").put("type", "array").putObject("items").put("$ref", ref(entity.name()));
            props.putObject("offset")
                    .put("type", "integer")
                    .put("description", "How many were skipped; absent on a page reached by cursor");
            props.putObject("limit").put("type", "integer");
            props.putObject("total")
                    .put("type", "integer")
                    .put("description", "How many match in the caller's scope; absent with count=false");
            props.putObject("next")
                    .put("type", "string")
                    .put("description", "The cursor of the next page (after=); absent on the last page");
            props.putObject("prev")
                    .put("type", "string")
                    .put("description", "The cursor of the previous page (before=); absent on the first page");
            page.putArray("required").add("items").add("limit");
        }
        schemas.set("Problem", problemSchema());
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas);
        components.set("parameters", sharedParameters());
        components
                .putObject("responses")
                .putObject("Problem")
                .put("description", "A problem (RFC 9457)")
                .putObject("content")
                .putObject("application/problem+json")
                .putObject("schema")
                .put("$ref", PROBLEM);
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearerAuth");
        bearer.put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Every operation of the model's table, under its path; a path with {id} declares the id parameter once.
    private static void entityPaths(ObjectNode paths, EntityModel entity) {
        String name = entity.name();
        for (Operation op : Operation.values()) {
            ObjectNode path = (ObjectNode) paths.get(op.path(entity));
            if (path == null) {
                path = paths.putObject(op.path(entity));
                if (op.suffix().contains("{id}")) {
                    path.putArray("parameters").addObject().put("$ref", PARAMETERS + "id");
                }
            }
            ObjectNode node =
                    operation(path, op.method().toLowerCase(Locale.ROOT), summary(op, name), op.javaName() + name);
            String status = String.valueOf(op.status());
            switch (op) {
                case LIST -> {
                    ArrayNode params = node.putArray("parameters");
                    params.addObject().put("$ref", PARAMETERS + "filter");
                    params.addObject().put("$ref", PARAMETERS + "sort");
                    if (entity.fields().stream().anyMatch(FieldModel::searchable)) {
                        query(
                                params,
                                "q",
                                "Text to find, case-insensitive, anywhere in "
                                        + entity.fields().stream()
                                                .filter(FieldModel::searchable)
                                                .map(FieldModel::name)
                                                .collect(java.util.stream.Collectors.joining(", "))
                                        + " (a literal, at most 100 characters)",
                                "string");
                    }
                    for (String shared : List.of("offset", "limit", "after", "before", "count")) {
                        params.addObject().put("$ref", PARAMETERS + shared);
                    }
                    respond(node, status, "A page", ref(name + "Page"));
                    ((ObjectNode) node.get("responses").get(status))
                            .putObject("headers")
                            .putObject("Link")
                            .put("description", "RFC 8288 links to the next and previous pages (rel=next, rel=prev)")
                            .putObject("schema")
                            .put("type", "string");
                }
                case CREATE -> {
                    body(node, ref(name + "Input"), "application/json");
                    respond(node, status, "Created; the Location header names it", ref(name));
                }
                case GET -> respond(node, status, "Found", ref(name));
                case REPLACE -> {
                    body(node, ref(name + "Input"), "application/json");
                    respond(node, status, "Replaced", ref(name));
                }
                case PATCH -> {
                    body(node, null, "application/merge-patch+json");
                    respond(node, status, "Changed", ref(name));
                }
                case DELETE -> node.putObject("responses").putObject(status).put("description", "Deleted");
            }
            errors(node, op.problems());
        }
    }

    private static String summary(Operation op, String name) {
        return switch (op) {
            case LIST -> "List " + name + " documents";
            case CREATE -> "Create " + Names.withArticle(name);
            case GET -> "Get " + Names.withArticle(name);
            case REPLACE -> "Replace " + Names.withArticle(name);
            case PATCH -> "Change " + Names.withArticle(name) + " with a JSON merge patch (RFC 7396)";
            case DELETE -> "Delete " + Names.withArticle(name);
        };
    }

    private static ObjectNode entitySchema(EntityModel entity, boolean input) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        entity.description().ifPresent(d -> schema.put("description", d));
        // the field that labels a document in the admin (JSON Schema has no word for it)
        entity.display().ifPresent(d -> schema.put("x-instacrud-display", d));
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        if (!input) {
            props.putObject("id").put("type", "string").put("pattern", "^[0-9a-fA-F]{24}$");
            required.add("id");
        }
        for (FieldModel field : entity.fields()) {
            if (field.secret() && !input) {
                continue;
            }
            props.set(field.name(), fieldSchema(field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!input) {
            for (String audit : List.of("createdAt", "updatedAt")) {
                props.putObject(audit)
                        .put("type", "string")
                        .put("format", "date-time")
                        .put("readOnly", true);
            }
            for (String audit : List.of("createdBy", "updatedBy")) {
                props.putObject(audit).put("type", "string").put("readOnly", true);
            }
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode fieldSchema(FieldModel field) {
        ObjectNode schema = NODES.objectNode();
        Constraints c = field.constraints();
        if (field.type() == FieldType.LIST) {
            type(schema, "array", field.required());
            ObjectNode items = schema.putObject("items");
            valueSchema(items, field);
            c.minItems().ifPresent(n -> schema.put("minItems", n));
            c.maxItems().ifPresent(n -> schema.put("maxItems", n));
            if (c.uniqueItems()) {
                schema.put("uniqueItems", true);
            }
        } else {
            valueSchema(schema, field);
            if (!field.required()) {
                type(schema, schema.path("type").asText(), false);
                if (schema.has("enum")) {
                    // responses write an absent value as null, and "enum" alone would refuse it whatever "type" says
                    ((ArrayNode) schema.get("enum")).addNull();
                }
            }
        }
        field.description().ifPresent(d -> schema.put("description", d));
        field.defaultValue().ifPresent(d -> schema.set("default", defaultNode(d)));
        if (field.secret()) {
            schema.put("writeOnly", true);
        }
        return schema;
    }

    private static void valueSchema(ObjectNode schema, FieldModel field) {
        Constraints c = field.constraints();
        switch (field.valueType()) {
            case STRING -> schema.put("type", "string");
            // JSON Schema cannot tell long text from a line; the admin shows a text area for it
            case TEXT -> schema.put("type", "string").put("x-instacrud-type", "text");
            case EMAIL -> schema.put("type", "string").put("format", "email");
            case URL -> schema.put("type", "string").put("format", "uri");
            case UUID -> schema.put("type", "string").put("format", "uuid");
            case DATE -> schema.put("type", "string").put("format", "date");
            case DATETIME -> schema.put("type", "string").put("format", "date-time");
            case INT -> schema.put("type", "integer").put("format", "int32");
            case LONG -> schema.put("type", "integer").put("format", "int64");
            case DOUBLE -> schema.put("type", "number").put("format", "double");
            case DECIMAL -> schema.put("type", "number");
            case BOOLEAN -> schema.put("type", "boolean");
            case REF ->
                schema.put("type", "string")
                        .put("pattern", "^[0-9a-fA-F]{24}$")
                        .put("description", "The id of a " + field.refTarget().orElseThrow());
            case ENUM -> {
                schema.put("type", "string");
                ArrayNode values = schema.putArray("enum");
                field.enumValues().forEach(values::add);
            }
            case OBJECT -> {
                schema.put("type", "object");
                ObjectNode props = schema.putObject("properties");
                ArrayNode required = NODES.arrayNode();
                for (FieldModel nested : field.fields()) {
                    props.set(nested.name(), fieldSchema(nested));
                    if (nested.required()) {
                        required.add(nested.name());
                    }
                }
                schema.set("required", required);
                schema.put("additionalProperties", false);
            }
            case LIST -> throw new IllegalStateException("no lists of lists");
        }
        if (field.valueType().isText()) {
            c.minLength().ifPresent(n -> schema.put("minLength", n));
            c.maxLength().ifPresent(n -> schema.put("maxLength", n));
            c.pattern().ifPresent(p -> schema.put("pattern", p));
        }
        if (field.valueType().isNumber()) {
            c.minimum().ifPresent(n -> schema.put("minimum", n));
            c.maximum().ifPresent(n -> schema.put("maximum", n));
            c.exclusiveMinimum().ifPresent(n -> schema.put("exclusiveMinimum", n));
            c.exclusiveMaximum().ifPresent(n -> schema.put("exclusiveMaximum", n));
        }
    }

    /** An optional value may also be null: {@code "type": ["string", "null"]}. */
    private static void type(ObjectNode schema, String type, boolean required) {
        if (required) {
            schema.put("type", type);
        } else {
            schema.putArray("type").add(type).add("null");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode defaultNode(Object value) {
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString());
    }

    private static ObjectNode problemSchema() {
        ObjectNode problem = NODES.objectNode();
        problem.put("type", "object");
        problem.put("description", "An RFC 9457 problem: application/problem+json");
        ObjectNode props = problem.putObject("properties");
        props.putObject("type").put("type", "string");
        props.putObject("title").put("type", "string");
        props.putObject("status").put("type", "integer");
        props.putObject("detail").put("type", "string");
        ObjectNode error = props.putObject("errors").put("type", "array").putObject("items");
        error.put("type", "object");
        ObjectNode errorProps = error.putObject("properties");
        errorProps.putObject("loc").put("type", "array");
        errorProps.putObject("msg").put("type", "string");
        errorProps.putObject("type").put("type", "string");
        return problem;
    }

    private static ObjectNode operation(ObjectNode path, String method, String summary, String id) {
        ObjectNode op = path.putObject(method);
        op.put("summary", summary);
        op.put("operationId", id);
        return op;
    }

    // the parameters every entity's routes share, by name
    private static ObjectNode sharedParameters() {
        ObjectNode shared = NODES.objectNode();
        ObjectNode id = shared.putObject("id");
        id.put("name", "id").put("in", "path").put("required", true);
        id.putObject("schema").put("type", "string").put("pattern", "^[0-9a-fA-F]{24}$");
        ArrayNode list = NODES.arrayNode();
        query(list, "filter", "A JSON filter with MongoDB operators from the allowlist", "string");
        query(list, "sort", "Comma-separated fields, '-' for descending (e.g. name,-createdAt)", "string");
        query(list, "offset", "How many to skip (default 0); or page by cursor", "integer");
        query(list, "limit", "How many to return, 1 to 500 (default 50)", "integer");
        query(list, "after", "The next cursor of an earlier page: the page after it", "string");
        query(list, "before", "The prev cursor of an earlier page: the page before it", "string");
        query(list, "count", "false skips counting the total (default true)", "boolean");
        list.forEach(param -> shared.set(param.get("name").textValue(), param));
        return shared;
    }

    private static void query(ArrayNode params, String name, String description, String type) {
        ObjectNode param = params.addObject();
        param.put("name", name).put("in", "query").put("description", description);
        param.putObject("schema").put("type", type);
    }

    private static void body(ObjectNode op, String schemaRef, String mediaType) {
        ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
        ObjectNode schema = content.putObject(mediaType).putObject("schema");
        if (schemaRef == null) {
            schema.put("type", "object");
        } else {
            schema.put("$ref", schemaRef);
        }
    }

    private static void respond(ObjectNode op, String status, String description, String schemaRef) {
        ObjectNode response = op.putObject("responses").putObject(status);
        response.put("description", description);
        response.putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", schemaRef);
    }

    private static void errors(ObjectNode op, List<Integer> statuses) {
        ObjectNode responses = op.has("responses") ? (ObjectNode) op.get("responses") : op.putObject("responses");
        for (int status : statuses) {
            responses.putObject(String.valueOf(status)).put("$ref", PROBLEM_RESPONSE);
        }
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }
}
