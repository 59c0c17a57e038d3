package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.SpecName;
import dev.instacrud.generator.spec.SpecLanguage;
import dev.instacrud.generator.spec.SpecLanguage.FieldTypes;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.SpecLanguage.Section;
import dev.instacrud.generator.spec.SpecLanguage.ValueKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped JSON Schema accepts every sample and says what the language table says: the same keys in each section,
 * the same kind of value for each, the same allowed values, and the same required keys.
 */
class SchemaSyncTest {

    private static final String RESOURCE = "/dev/instacrud/generator/instacrud.schema.json";

    private static String schemaText() throws Exception {
        try (InputStream in = SchemaSyncTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, "schema missing from the generator jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaText(), InputFormat.JSON);
    }

    @Test
    void everyValidSampleMatchesTheSchema() throws Exception {
        Schema schema = schema();
        for (Path p : Samples.valid()) {
            List<Error> errors = schema.validate(Samples.read(p), InputFormat.YAML);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), p.toString());
        }
    }

    @Test
    void theSchemaRejectsMisspeltKeysAndTypes() throws Exception {
        List<Error> errors =
                schema().validate(Samples.read(Samples.DIR.resolve("invalid/misspellings.yaml")), InputFormat.YAML);
        assertFalse(errors.isEmpty());
    }

    @Test
    void everySectionNamesExactlyTheKeysOfTheLanguageTable() throws Exception {
        JsonNode s = schemaJson();
        for (Section section : Section.values()) {
            assertEquals(
                    Set.copyOf(section.spellings()),
                    keys(sectionSchema(s, section).get("properties")),
                    section.toString());
        }
    }

    @Test
    void everyKeyHoldsTheKindOfValueTheTableGivesIt() throws Exception {
        JsonNode s = schemaJson();
        for (Key key : SpecLanguage.keys()) {
            JsonNode property =
                    resolve(s, sectionSchema(s, key.section()).get("properties").get(key.spelling()));
            String type = property.path("type").asText();
            boolean fits = switch (key.kind()) {
                case MAP -> type.equals("object");
                case NAMES -> type.equals("array") && property.has("items");
                case TEXT -> type.equals("string") || allText(property.path("enum"));
                case BOOLEAN -> type.equals("boolean");
                case COUNT -> type.equals("integer") && property.path("minimum").asInt(-1) == 0;
                case NUMBER -> type.equals("number");
                case SCALAR -> texts(property.path("type")).containsAll(List.of("string", "number", "boolean"));
            };
            assertTrue(
                    fits,
                    key.section() + " " + key.spelling() + " is not " + key.kind() + " in the schema: " + property);
        }
    }

    @Test
    void everyChoiceOfTheTableIsTheSchemasEnum() throws Exception {
        JsonNode s = schemaJson();
        int choices = 0;
        for (Key key : SpecLanguage.keys()) {
            if (key.choice().isPresent()) {
                JsonNode property =
                        sectionSchema(s, key.section()).get("properties").get(key.spelling());
                JsonNode values = key.kind() == ValueKind.NAMES ? property.get("items") : property;
                assertEquals(key.choice().get().spellings(), texts(values.get("enum")), key.spelling());
                choices++;
            }
        }
        assertEquals(8, choices, "tenancy, registration, oauth, emailVerification, scope, write, ifMatch, onDelete");
        JsonNode types = s.get("$defs").get("type").get("enum");
        assertEquals(SpecName.all(FieldType.values()), texts(types));
    }

    @Test
    void requiredKeysAreTheSameInTheSchema() throws Exception {
        JsonNode s = schemaJson();
        for (Section section : Section.values()) {
            Set<String> always = section.keys().stream()
                    .filter(k -> k.required()
                            .filter(r -> r.when().equals(FieldTypes.ALL))
                            .isPresent())
                    .map(Key::spelling)
                    .collect(Collectors.toSet());
            assertEquals(always, Set.copyOf(texts(sectionSchema(s, section).path("required"))), section.toString());
        }
        // a key required for some field types is an if/then of the field schema: "type=ref -> to"
        Set<String> expected = new HashSet<>();
        for (Key key : Section.FIELD.keys()) {
            key.required().filter(r -> !r.when().equals(FieldTypes.ALL)).ifPresent(r -> {
                for (FieldType t : r.when().types()) {
                    expected.add("type=" + t.specName() + " -> " + key.spelling());
                    if (r.when().eachValue()) {
                        expected.add("type=list,of=" + t.specName() + " -> " + key.spelling());
                    }
                }
            });
        }
        Set<String> conditional = new HashSet<>();
        for (JsonNode rule : s.get("$defs").get("field").get("allOf")) {
            JsonNode when = rule.get("if").get("properties");
            String condition = "type=" + when.get("type").get("const").asText()
                    + (when.has("of") ? ",of=" + when.get("of").get("const").asText() : "");
            texts(rule.get("then").get("required")).forEach(k -> conditional.add(condition + " -> " + k));
        }
        assertEquals(expected, conditional);
    }

    private static JsonNode schemaJson() throws Exception {
        return new ObjectMapper().readTree(schemaText());
    }

    private static JsonNode sectionSchema(JsonNode schema, Section section) {
        return section == Section.TOP
                ? schema
                : schema.get("$defs").get(section.name().toLowerCase(Locale.ROOT));
    }

    /** A property with its {@code $ref} followed (the refs of this schema all point into {@code $defs}). */
    private static JsonNode resolve(JsonNode schema, JsonNode property) {
        JsonNode ref = property.get("$ref");
        return ref == null ? property : resolve(schema, schema.at(ref.asText().substring(1)));
    }

    private static boolean allText(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            return false;
        }
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> keys(JsonNode properties) {
        Set<String> out = new HashSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isTextual()) {
            out.add(array.asText());
        } else {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
