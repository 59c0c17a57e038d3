package dev.instacrud.bench.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticOpenApiTest {

    @Test
    void describesTheSameResourcesAndFieldsAsTheSpec() throws Exception {
        for (int n : List.of(1, 5, 100)) {
            JsonNode doc = SyntheticOpenApi.render(n);
            JsonNode entities =
                    new YAMLMapper().readTree(SyntheticSpec.render(n)).get("entities");
            assertEquals(2 * n, doc.get("paths").size());
            assertEquals(3 * n + 1, doc.at("/components/schemas").size());
            for (Map.Entry<String, JsonNode> entity : entities.properties()) {
                String path = "/" + entity.getValue().get("path").asText();
                assertEquals(Set.of("get", "post"), names(doc.get("paths").get(path)), path);
                assertEquals(
                        Set.of("parameters", "get", "put", "patch", "delete"),
                        names(doc.get("paths").get(path + "/{id}")),
                        path);
                JsonNode input = doc.at("/components/schemas/" + entity.getKey() + "Input/properties");
                assertEquals(names(entity.getValue().get("fields")), names(input), entity.getKey());
            }
        }
    }

    @Test
    void everyReferenceResolvesAndTheBytesDependOnNOnly(@TempDir Path dir) throws Exception {
        JsonNode doc = SyntheticOpenApi.render(20);
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/components/schemas/"), ref);
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), ref);
        }
        SyntheticOpenApi.write(20, dir.resolve("a.json"));
        assertEquals(doc, new ObjectMapper().readTree(dir.resolve("a.json").toFile()));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
