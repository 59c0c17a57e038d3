package dev.instacrud.generator.writer.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.ServiceModel;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code schema.json}: per entity (by name) its collection, scope and fields, each field with the spec's own
 * keys, as the runtime's {@code DataSchema} reads them. Only what says how documents are stored counts: a changed
 * description or role gives the same bytes, so it never asks a database for a migration.
 */
public final class DataSchemaWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DataSchemaWriter() {}

    /** The schema of a checked model, as indented JSON with sorted keys, ending in a newline. */
    public static String write(ServiceModel service) {
        Map<String, JsonNode> entities = new TreeMap<>();
        for (EntityModel entity : service.entities()) {
            ObjectNode e = NODES.objectNode();
            e.put("collection", entity.collection());
            e.set("fields", fields(entity.fields()));
            e.put("scope", entity.scope().specName());
            entities.put(entity.name(), e);
        }
        ObjectNode root = NODES.objectNode();
        root.set("entities", sorted(entities));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode fields(List<FieldModel> fields) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (FieldModel field : fields) {
            out.put(field.name(), field(field));
        }
        return sorted(out);
    }

    private static ObjectNode field(FieldModel field) {
        Map<String, JsonNode> keys = new TreeMap<>();
        keys.put("type", NODES.textNode(field.type().specName()));
        field.itemType().ifPresent(t -> keys.put("of", NODES.textNode(t.specName())));
        field.refTarget().ifPresent(t -> keys.put("to", NODES.textNode(t)));
        if (!field.enumValues().isEmpty()) {
            ArrayNode values = NODES.arrayNode();
            field.enumValues().forEach(values::add);
            keys.put("values", values);
        }
        if (field.valueType() == FieldType.OBJECT) {
            keys.put("fields", fields(field.fields()));
        }
        flag(keys, "required", field.required());
        field.defaultValue().ifPresent(d -> keys.put("default", value(d)));
        Constraints c = field.constraints();
        count(keys, "minLength", c.minLength());
        count(keys, "maxLength", c.maxLength());
        c.pattern().ifPresent(p -> keys.put("pattern", NODES.textNode(p)));
        bound(keys, "minimum", c.minimum());
        bound(keys, "maximum", c.maximum());
        bound(keys, "exclusiveMinimum", c.exclusiveMinimum());
        bound(keys, "exclusiveMaximum", c.exclusiveMaximum());
        count(keys, "minItems", c.minItems());
        count(keys, "maxItems", c.maxItems());
        flag(keys, "uniqueItems", c.uniqueItems());
        flag(keys, "unique", field.unique());
        flag(keys, "secret", field.secret());
        if (field.isRef()) {
            keys.put("onDelete", NODES.textNode(field.onDeleteOrDefault().specName()));
        }
        return sorted(keys);
    }

    private static void flag(Map<String, JsonNode> keys, String key, boolean value) {
        if (value) {
            keys.put(key, NODES.booleanNode(true));
        }
    }

    private static void count(Map<String, JsonNode> keys, String key, Optional<Integer> value) {
        value.ifPresent(v -> keys.put(key, NODES.numberNode(v)));
    }

    private static void bound(Map<String, JsonNode> keys, String key, Optional<BigDecimal> value) {
        value.ifPresent(v -> keys.put(key, NODES.numberNode(v)));
    }

    // Typed as the model types defaults: whole numbers, doubles, decimals, booleans; dates and the rest as text.
    private static JsonNode value(Object value) {
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

    private static ObjectNode sorted(Map<String, JsonNode> entries) {
        ObjectNode node = NODES.objectNode();
        entries.forEach(node::set);
        return node;
    }
}
