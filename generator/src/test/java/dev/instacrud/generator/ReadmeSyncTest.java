package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecKeys;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's spec reference and checker table name every key, type and rule the code knows. */
class ReadmeSyncTest {

    private static final String README = Samples.read(Samples.ROOT.resolve("README.md"));

    @Test
    void everyRuleIdIsDocumented() {
        for (String id : Instacrud.ruleIds()) {
            assertTrue(README.contains("| `" + id + "` |"), "README's Checker table lacks " + id);
        }
    }

    @Test
    void everyKeyAndTypeIsDocumented() {
        List<String> keys = Stream.of(SpecKeys.TOP, SpecKeys.SERVICE, SpecKeys.AUTH, SpecKeys.ENTITY, SpecKeys.FIELD)
                .flatMap(List::stream)
                .toList();
        for (String key : keys) {
            assertTrue(README.contains("`" + key + "`"), "README's Spec reference lacks key " + key);
        }
        for (FieldType t : FieldType.values()) {
            assertTrue(README.contains("`" + t.specName() + "`"), "README's Spec reference lacks type " + t.specName());
        }
        for (String reserved : SpecKeys.RESERVED_FIELDS) {
            assertTrue(README.contains("`" + reserved + "`"), "README lacks reserved name " + reserved);
        }
    }
}
