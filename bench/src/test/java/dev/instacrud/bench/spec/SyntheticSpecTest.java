package dev.instacrud.bench.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.model.ServiceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSpecTest {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern PASCAL = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern PATH = Pattern.compile("[a-z][a-z0-9-]*");

    @Test
    void sameNGivesTheSameBytes(@TempDir Path dir) throws Exception {
        SyntheticSpec.write(100, dir.resolve("a.yaml"));
        SyntheticSpec.write(100, dir.resolve("b/c.yaml"));
        assertEquals(-1, Files.mismatch(dir.resolve("a.yaml"), dir.resolve("b/c.yaml")));
        assertEquals(SyntheticSpec.render(100), Files.readString(dir.resolve("a.yaml")));
    }

    @Test
    void everySizeIsWellFormedAndValidByConstruction() throws Exception {
        for (int n : List.of(1, 2, 5, 10, 100, 1000)) {
            JsonNode root = YAML.readTree(SyntheticSpec.render(n));
            assertTrue(root.at("/service/name").asText().matches("[a-z][a-z0-9-]*"));
            assertEquals("org.example.bench.n" + n, root.at("/service/package").asText());
            JsonNode entities = root.get("entities");
            assertEquals(n, entities.size());
            Set<String> seen = new HashSet<>();
            Set<String> paths = new HashSet<>();
            int userScoped = 0;
            for (Map.Entry<String, JsonNode> e : entities.properties()) {
                JsonNode entity = e.getValue();
                assertTrue(PASCAL.matcher(e.getKey()).matches(), e.getKey());
                assertTrue(PATH.matcher(entity.get("path").asText()).matches());
                assertTrue(paths.add(entity.get("path").asText()), "duplicate path");
                if ("user".equals(entity.path("scope").asText())) {
                    userScoped++;
                }
                checkFields(e.getKey(), entity.get("fields"), seen, entities);
                seen.add(e.getKey());
            }
            assertEquals(n / 5, userScoped, "one entity in five is user-scoped");
        }
    }

    private static void checkFields(String entity, JsonNode fields, Set<String> earlier, JsonNode entities) {
        Set<String> types = new HashSet<>();
        fields.forEach(f -> types.add(f.get("type").asText()));
        Set<String> expected = new HashSet<>(List.of("string", "int", "double", "enum", "date", "list"));
        if (!entity.equals("Entity0001")) {
            expected.add("ref");
        }
        assertEquals(expected, types, entity);
        fields.forEach(f -> {
            if (f.has("minimum")) {
                assertTrue(f.get("minimum").asDouble() <= f.get("maximum").asDouble());
            }
            if (f.has("minLength")) {
                assertTrue(f.get("minLength").asInt() <= f.get("maxLength").asInt());
            }
            if (f.has("pattern")) {
                Pattern.compile(f.get("pattern").asText());
            }
            if (f.has("default")) {
                assertTrue(new ObjectMapper()
                        .convertValue(f.get("values"), List.class)
                        .contains(f.get("default").asText()));
            }
            if (f.get("type").asText().equals("ref")) {
                String to = f.get("to").asText();
                assertTrue(earlier.contains(to), entity + " refers to a later or unknown entity " + to);
                assertFalse("user".equals(entities.get(to).path("scope").asText()), "ref to a user-scoped entity");
                assertTrue(Set.of("restrict", "cascade", "set-null")
                        .contains(f.get("onDelete").asText()));
                assertFalse(f.path("required").asBoolean(), "set-null needs an optional ref");
            }
        });
    }

    @Test
    void createBodyFitsTheConstraintsOfTheSpec() throws Exception {
        JsonNode fields = YAML.readTree(SyntheticSpec.render(5)).at("/entities/Entity0005/fields");
        JsonNode body = new ObjectMapper().readTree(SyntheticSpec.createBody(123_456_789L));
        assertTrue(body.get("code").asText().matches(fields.at("/code/pattern").asText()));
        assertTrue(body.get("code").asText().length()
                <= fields.at("/code/maxLength").asInt());
        assertTrue(body.get("name").asText().matches(fields.at("/name/pattern").asText()));
        assertTrue(
                body.get("quantity").asInt() <= fields.at("/quantity/maximum").asInt());
        body.fieldNames().forEachRemaining(name -> assertTrue(fields.has(name), "unknown field " + name));
    }

    @Test
    void refsSpreadOverManyTargets() {
        Map<Integer, Integer> inDegree = new java.util.HashMap<>();
        for (int i = 2; i <= 1000; i++) {
            int t = SyntheticSpec.refTarget(i);
            assertTrue(t >= 1 && t < i && !SyntheticSpec.isUserScoped(t), i + " -> " + t);
            inDegree.merge(t, 1, Integer::sum);
        }
        int max = inDegree.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(inDegree.size() > 300, "distinct targets: " + inDegree.size());
        assertTrue(max <= 30, "most refs into one entity: " + max);
    }

    @Test
    void theCheckerAcceptsEverySizeWithZeroDiagnostics() {
        for (int n : List.of(1, 5, 100)) {
            SpecResult r = Instacrud.load("synthetic-" + n + ".yaml", SyntheticSpec.render(n));
            assertEquals(List.of(), r.formatted(), "N = " + n);
            ServiceModel model = r.model().orElseThrow();
            assertEquals(n, model.entities().size(), "N = " + n);
        }
    }

    @Test
    void refusesAnEmptySpec() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.render(0));
    }
}
