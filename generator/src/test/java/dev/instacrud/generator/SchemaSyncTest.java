package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schema accepts every sample and names exactly the keys and values the parser knows. */
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
    void schemaKeysMatchTheParser() throws Exception {
        JsonNode s = new ObjectMapper().readTree(schemaText());
        JsonNode defs = s.get("$defs");
        assertEquals(Set.copyOf(SpecKeys.TOP), keys(s.get("properties")));
        assertEquals(Set.copyOf(SpecKeys.SERVICE), keys(defs.get("service").get("properties")));
        assertEquals(Set.copyOf(SpecKeys.AUTH), keys(defs.get("auth").get("properties")));
        assertEquals(Set.copyOf(SpecKeys.ENTITY), keys(defs.get("entity").get("properties")));
        assertEquals(Set.copyOf(SpecKeys.FIELD), keys(defs.get("field").get("properties")));
    }

    @Test
    void schemaValuesMatchTheParser() throws Exception {
        JsonNode s = new ObjectMapper().readTree(schemaText());
        JsonNode defs = s.get("$defs");
        assertEquals(
                Arrays.stream(FieldType.values()).map(FieldType::specName).toList(),
                texts(defs.get("type").get("enum")));
        assertEquals(
                SpecKeys.TENANCIES, texts(s.get("properties").get("tenancy").get("enum")));
        assertEquals(
                SpecKeys.REGISTRATIONS,
                texts(defs.get("auth").get("properties").get("registration").get("enum")));
        assertEquals(
                SpecKeys.OAUTH_PROVIDERS,
                texts(defs.get("auth")
                        .get("properties")
                        .get("oauth")
                        .get("items")
                        .get("enum")));
        assertEquals(
                SpecKeys.SCOPES,
                texts(defs.get("entity").get("properties").get("scope").get("enum")));
        assertEquals(
                SpecKeys.ROLES,
                texts(defs.get("entity")
                        .get("properties")
                        .get("write")
                        .get("items")
                        .get("enum")));
        assertEquals(
                SpecKeys.ON_DELETE,
                texts(defs.get("field").get("properties").get("onDelete").get("enum")));
    }

    private static Set<String> keys(JsonNode properties) {
        Set<String> out = new HashSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
