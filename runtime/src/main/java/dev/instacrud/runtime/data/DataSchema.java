package dev.instacrud.runtime.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The shape of a service's stored data, as its spec says: per entity its collection, scope and fields, each field
 * with the spec's own keys (type, {@code of}, {@code to}, {@code values}, nested {@code fields}, {@code required},
 * {@code default}, constraints, {@code unique}, {@code secret}, {@code onDelete}). The generator writes it as {@code
 * schema.json} beside the application class:
 *
 * <pre>{@code
 * {"entities": {"Task": {"collection": "tasks", "scope": "org", "fields": {
 *     "title": {"type": "string", "required": true, "maxLength": 200}}}}}
 * }</pre>
 *
 * <p>Each organisation database records the schema its documents were last brought in line with ({@link
 * Migrations}); comparing the two says what a start needs to migrate. The {@link #hash()} is the SHA-256 of the
 * canonical form (keys sorted), so the order of the spec and its descriptions never count. Immutable.
 */
public final class DataSchema {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ObjectNode root;
    private final String canonical;
    private final String hash;

    private DataSchema(ObjectNode root) {
        this.root = root;
        this.canonical = canonical(root);
        this.hash = sha256(canonical);
    }

    /**
     * Parses a schema document.
     *
     * @throws IllegalArgumentException when it is not JSON or has no {@code entities} object
     */
    public static DataSchema parse(String json) {
        JsonNode node;
        try {
            node = CANONICAL.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the data schema is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object) || !(node.get("entities") instanceof ObjectNode)) {
            throw new IllegalArgumentException("the data schema has no \"entities\" object");
        }
        return new DataSchema(object);
    }

    /** Reads the schema document a generated service carries. */
    public static DataSchema read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data schema " + resource, e);
        }
    }

    /** The SHA-256 of the canonical form, in hex. */
    public String hash() {
        return hash;
    }

    /** The canonical form: JSON with every object's keys sorted, no spaces. */
    public String canonical() {
        return canonical;
    }

    /**
     * What documents stored under {@code stored} need before this schema serves them, as the runtime decides it: each
     * change that needs a migration of the developer's ({@code Task.reporter: reporter is new and required, without
     * a default}), in the order of entities and fields. Tools and tests compare it with the generator's {@code
     * instacrud diff}.
     */
    public List<String> migrationsNeededSince(DataSchema stored) {
        return SchemaChanges.between(stored, this).stream()
                .filter(c -> c.need() == SchemaChanges.Need.MIGRATION)
                .map(c -> c.subject() + ": " + c.what())
                .toList();
    }

    /** The entities by name, sorted. */
    Map<String, JsonNode> entities() {
        Map<String, JsonNode> out = new TreeMap<>();
        root.get("entities").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** One entity, if the schema has it. */
    Optional<JsonNode> entity(String name) {
        return Optional.ofNullable(root.get("entities").get(name));
    }

    /** The fields of an entity (or of an embedded object's field), by name, sorted. */
    static Map<String, JsonNode> fields(JsonNode owner) {
        Map<String, JsonNode> out = new TreeMap<>();
        JsonNode fields = owner.get("fields");
        if (fields != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The collection of an entity. */
    static String collection(JsonNode entity) {
        return entity.path("collection").asText();
    }

    @Override
    public String toString() {
        return "DataSchema[" + hash.substring(0, 12) + "]";
    }

    private static String canonical(JsonNode node) {
        try {
            // readTree keeps the document's key order: sort through a map-based copy
            Object sorted = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always writes", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
