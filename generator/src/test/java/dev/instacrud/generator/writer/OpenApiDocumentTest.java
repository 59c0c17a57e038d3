package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.ServiceModel;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document of every sample: valid JSON declaring OpenAPI 3.1, every entity's routes, the spec's
 * constraints in its schemas (which are valid JSON Schema 2020-12, checked against the meta-schema bundled
 * with the validator, offline), and secret fields only in input schemas, write-only.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<Path> specs() {
        return Stream.concat(Generated.samples().stream(), Stream.of(Generated.SPECS.resolve("clashes.yaml")));
    }

    private static JsonNode document(Generated generated) throws Exception {
        return MAPPER.readTree(generated.file("openapi.json").content());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void declaresOpenApi31AndEveryEntityRoute(Path spec) throws Exception {
        JsonNode doc = document(Generated.of(spec));
        ServiceModel model = Generated.model(spec);
        assertEquals("3.1.0", doc.get("openapi").textValue());
        assertEquals(model.name(), doc.at("/info/title").textValue());
        for (EntityModel entity : model.entities()) {
            JsonNode collection = doc.get("paths").get("/api/v1/" + entity.path());
            JsonNode item = doc.get("paths").get("/api/v1/" + entity.path() + "/{id}");
            assertEquals(List.of("get", "post"), names(collection), entity.name());
            assertEquals(
                    List.of("get", "put", "patch", "delete"),
                    names(item).stream().filter(n -> !n.equals("parameters")).toList(),
                    entity.name());
            assertEquals(
                    "#/components/schemas/" + entity.name() + "Input",
                    collection
                            .at("/post/requestBody/content/application~1json/schema/$ref")
                            .textValue());
            assertTrue(
                    item.has("patch") && item.at("/patch/requestBody/content").has("application/merge-patch+json"));
            assertEquals(
                    "#/components/schemas/" + entity.name(),
                    item.at("/get/responses/200/content/application~1json/schema/$ref")
                            .textValue());
        }
        for (String ref : refs(doc, new ArrayList<>())) {
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
        }
    }

    /**
     * What every entity shares is written once: each problem answer refers to the one problem response, each
     * {@code /{id}} path to the one id parameter, each list to the shared query parameters (its own {@code q} aside),
     * so the document grows by an entity's own parts only.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void sharedPartsAreWrittenOnceAndReferredTo(Path spec) throws Exception {
        JsonNode doc = document(Generated.of(spec));
        assertEquals(
                "#/components/schemas/Problem",
                doc.at("/components/responses/Problem/content/application~1problem+json/schema/$ref")
                        .textValue());
        assertEquals("path", doc.at("/components/parameters/id/in").textValue());
        assertEquals(
                List.of("id", "filter", "sort", "offset", "limit", "after", "before", "count"),
                names(doc.at("/components/parameters")));
        int problems = 0;
        for (EntityModel entity : Generated.model(spec).entities()) {
            JsonNode collection = doc.get("paths").get("/api/v1/" + entity.path());
            JsonNode item = doc.get("paths").get("/api/v1/" + entity.path() + "/{id}");
            assertEquals(
                    "#/components/parameters/id", item.at("/parameters/0/$ref").textValue(), entity.name());
            List<String> listParams = new ArrayList<>();
            collection
                    .at("/get/parameters")
                    .forEach(p -> listParams.add(
                            p.has("$ref")
                                    ? p.get("$ref").textValue()
                                    : p.get("name").textValue()));
            assertEquals("#/components/parameters/filter", listParams.get(0), entity.name());
            assertEquals("#/components/parameters/count", listParams.get(listParams.size() - 1), entity.name());
            for (JsonNode pathItem : List.of(collection, item)) {
                for (JsonNode op : pathItem) {
                    for (Iterator<Map.Entry<String, JsonNode>> it =
                                    op.path("responses").fields();
                            it.hasNext(); ) {
                        Map.Entry<String, JsonNode> response = it.next();
                        if (response.getKey().startsWith("4")
                                || response.getKey().startsWith("5")) {
                            assertEquals(
                                    List.of("$ref"),
                                    names(response.getValue()),
                                    entity.name() + " " + response.getKey());
                            assertEquals(
                                    "#/components/responses/Problem",
                                    response.getValue().get("$ref").textValue());
                            problems++;
                        }
                    }
                }
            }
        }
        assertTrue(problems > 0, "every entity route has its problem answers");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void schemasCarryEveryConstraintOfTheSpec(Path spec) throws Exception {
        JsonNode schemas = document(Generated.of(spec)).at("/components/schemas");
        for (EntityModel entity : Generated.model(spec).entities()) {
            JsonNode input = schemas.get(entity.name() + "Input");
            assertEquals(false, input.get("additionalProperties").booleanValue());
            checkFields(entity.name() + "Input", entity.fields(), input);
            JsonNode output = schemas.get(entity.name());
            checkFields(
                    entity.name(),
                    entity.fields().stream().filter(f -> !f.secret()).toList(),
                    output);
        }
    }

    @Test
    void clinicConstraintsReadAsWritten() throws Exception {
        JsonNode input = document(Generated.sample("clinic")).at("/components/schemas/PatientInput/properties");
        assertEquals(120, input.at("/fullName/maxLength").intValue());
        assertEquals("^[\\p{L} .'-]+$", input.at("/fullName/pattern").textValue());
        assertEquals(
                new BigDecimal("700"), input.at("/weightKg/exclusiveMaximum").decimalValue());
        assertEquals(Arrays.asList("admitted", "discharged", null), texts(input.at("/status/enum")));
        assertEquals("admitted", input.at("/status/default").textValue());
        assertEquals(5, input.at("/contacts/maxItems").intValue());
        assertEquals(
                Arrays.asList("family", "guardian", "doctor", null),
                texts(input.at("/contacts/items/properties/kind/enum")));
        assertEquals(List.of("penicillin", "latex", "nuts"), texts(input.at("/allergies/items/enum")));
        assertEquals(List.of("city"), texts(input.at("/address/required")));
        assertEquals(10, input.at("/scores/items/maximum").intValue());
        assertEquals(
                List.of("fullName", "ward"),
                texts(document(Generated.sample("clinic")).at("/components/schemas/PatientInput/required")));
    }

    @Test
    void theAdminsExtensionsMarkLongTextAndTheDisplayField() throws Exception {
        JsonNode crm = document(Generated.sample("crm")).at("/components/schemas");
        assertEquals("email", crm.at("/Contact/x-instacrud-display").textValue(), "the spec's display:");
        assertTrue(crm.at("/Company/x-instacrud-display").isMissingNode(), "the default is the admin's to find");
        JsonNode tasks = document(Generated.sample("tasks")).at("/components/schemas");
        assertEquals(
                "text",
                tasks.at("/ProjectInput/properties/summary/x-instacrud-type").textValue());
        assertEquals(
                "text", tasks.at("/Project/properties/summary/x-instacrud-type").textValue());
        assertTrue(tasks.at("/ProjectInput/properties/name/x-instacrud-type").isMissingNode(), "a string is a line");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void secretFieldsAppearOnlyInInputSchemasAsWriteOnly(Path spec) throws Exception {
        JsonNode doc = document(Generated.of(spec));
        for (EntityModel entity : Generated.model(spec).entities()) {
            for (FieldModel field : entity.fields()) {
                if (!field.secret()) {
                    continue;
                }
                String allowed = "/components/schemas/" + entity.name() + "Input/properties/" + field.name();
                assertTrue(doc.at(allowed + "/writeOnly").booleanValue(), allowed + " is not writeOnly");
                List<String> mentions = mentions(doc, "", field.name(), new ArrayList<>());
                assertEquals(List.of(allowed), mentions, field.name());
            }
        }
    }

    @Test
    void clinicHasSecretsAndTheyStayHidden() throws Exception {
        String text = Generated.sample("clinic").file("openapi.json").content();
        assertTrue(text.contains("\"ssn\""), "the clinic sample must keep exercising secrets");
        JsonNode patient = MAPPER.readTree(text).at("/components/schemas/Patient/properties");
        assertFalse(patient.has("ssn") || patient.has("insuranceNumber"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everySchemaIsValidJsonSchema202012(Path spec) throws Exception {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schemas = document(Generated.of(spec)).at("/components/schemas");
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            List<Error> errors = meta.validate(schema.getValue().toString(), InputFormat.JSON);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), schema.getKey());
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyDefaultFitsItsOwnSchema(Path spec) throws Exception {
        List<JsonNode> withDefaults = new ArrayList<>();
        collectDefaults(document(Generated.of(spec)).at("/components/schemas"), withDefaults);
        assertFalse(withDefaults.isEmpty(), "every spec tested here declares a default");
        for (JsonNode schema : withDefaults) {
            List<Error> errors = REGISTRY.getSchema(schema.toString(), InputFormat.JSON)
                    .validate(schema.get("default").toString(), InputFormat.JSON);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), schema.toString());
        }
    }

    private static void collectDefaults(JsonNode node, List<JsonNode> found) {
        if (node.isObject() && node.has("default") && node.has("type")) {
            found.add(node);
        }
        node.forEach(child -> collectDefaults(child, found));
    }

    @Test
    void theInputSchemaAcceptsAndRefusesWhatTheRecordDoes() throws Exception {
        JsonNode schemas = document(Generated.sample("clinic")).at("/components/schemas");
        Schema input = REGISTRY.getSchema(schemas.get("PatientInput").toString(), InputFormat.JSON);
        String ward = "65a1f0c2e4b0a1b2c3d4e5f6";
        assertEquals(
                List.of(),
                input.validate(
                        "{\"fullName\": \"Ada\", \"ward\": \"" + ward + "\", \"ssn\": \"1\"}", InputFormat.JSON));
        List<Error> errors = input.validate(
                "{\"fullName\": \"A\", \"ward\": \"nope\", \"scores\": [11], \"x\": 1}", InputFormat.JSON);
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test
    void aResponseTheMappingWritesMatchesTheEntitySchema() throws Exception {
        Generated clinic = Generated.sample("clinic");
        JsonNode schemas = document(clinic).at("/components/schemas");
        Schema patient = REGISTRY.getSchema(schemas.get("Patient").toString(), InputFormat.JSON);
        Class<?> mapping = clinic.load("PatientMapping");
        for (String body : List.of(
                "{\"fullName\": \"Ada\", \"ward\": \"65a1f0c2e4b0a1b2c3d4e5f6\"}",
                "{\"fullName\": \"Ada\", \"ward\": \"65a1f0c2e4b0a1b2c3d4e5f6\", \"ssn\": \"1\", \"tags\": [\"a\"],"
                        + " \"address\": {\"city\": \"Paris\"}, \"weightKg\": 70.5, \"birthDate\": \"1990-01-01\","
                        + " \"contacts\": [{\"name\": \"B\", \"phone\": \"+33 123456\"}], \"allergies\": [\"nuts\"]}")) {
            Object input = GeneratedRecordsTest.fromJson(clinic, "Patient", body);
            Document stored =
                    GeneratedRecordsTest.stored((Document) GeneratedRecordsTest.call(mapping, "toDocument", input));
            JsonNode json = (JsonNode) GeneratedRecordsTest.call(
                    mapping, "toJson", GeneratedRecordsTest.call(mapping, "fromDocument", stored));
            assertEquals(
                    List.of(),
                    patient.validate(json.toString(), InputFormat.JSON).stream()
                            .map(Error::toString)
                            .toList(),
                    json.toString());
        }
    }

    /** The schema of each field (the item schema of a list) holds the field's constraints. */
    private static void checkFields(String where, List<FieldModel> fields, JsonNode schema) {
        JsonNode props = schema.get("properties");
        List<String> required = texts(schema.get("required"));
        for (FieldModel field : fields) {
            String at = where + "." + field.name();
            JsonNode s = props.get(field.name());
            assertTrue(s != null, at + " missing");
            assertEquals(field.required(), required.contains(field.name()), at + " required");
            Constraints c = field.constraints();
            JsonNode value = field.type() == FieldType.LIST ? s.get("items") : s;
            if (field.type() == FieldType.LIST) {
                number(s, "minItems", c.minItems().map(BigDecimal::valueOf), at);
                number(s, "maxItems", c.maxItems().map(BigDecimal::valueOf), at);
                assertEquals(c.uniqueItems(), s.path("uniqueItems").booleanValue(), at + " uniqueItems");
            }
            number(value, "minLength", c.minLength().map(BigDecimal::valueOf), at);
            number(value, "maxLength", c.maxLength().map(BigDecimal::valueOf), at);
            c.pattern().ifPresent(p -> assertEquals(p, value.path("pattern").textValue(), at + " pattern"));
            number(value, "minimum", c.minimum(), at);
            number(value, "maximum", c.maximum(), at);
            number(value, "exclusiveMinimum", c.exclusiveMinimum(), at);
            number(value, "exclusiveMaximum", c.exclusiveMaximum(), at);
            if (field.valueType() == FieldType.ENUM) {
                List<String> expected = new ArrayList<>(field.enumValues());
                if (!field.required() && field.type() != FieldType.LIST) {
                    expected.add(null); // an optional value may be null, and "enum" must say so too
                }
                assertEquals(expected, texts(value.get("enum")), at + " enum");
            }
            if (field.valueType() == FieldType.OBJECT) {
                assertEquals(false, value.get("additionalProperties").booleanValue(), at);
                checkFields(at, field.fields(), value);
            }
        }
    }

    private static void number(JsonNode schema, String keyword, Optional<BigDecimal> expected, String at) {
        JsonNode actual = schema.get(keyword);
        if (expected.isEmpty()) {
            assertTrue(actual == null, at + " has an unexpected " + keyword);
        } else {
            assertTrue(actual != null && actual.isNumber(), at + " lacks " + keyword);
            assertEquals(0, expected.get().compareTo(actual.decimalValue()), at + " " + keyword);
        }
    }

    /** JSON pointers of every property named {@code name} and every text value mentioning it. */
    private static List<String> mentions(JsonNode node, String pointer, String name, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getKey().equals(name)) {
                    found.add(child);
                } else {
                    mentions(e.getValue(), child, name, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                mentions(node.get(i), pointer + "/" + i, name, found);
            }
        } else if (node.isTextual() && node.textValue().matches("(?s).*\\b" + name + "\\b.*")) {
            found.add(pointer);
        }
        return found;
    }

    private static List<String> refs(JsonNode node, List<String> found) {
        if (node.isObject() && node.has("$ref")) {
            found.add(node.get("$ref").textValue());
        }
        node.forEach(child -> refs(child, found));
        return found;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> texts.add(n.textValue()));
        }
        return texts;
    }
}
