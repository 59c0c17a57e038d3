package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage;
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
        for (SpecLanguage.Key key : SpecLanguage.keys()) {
            assertTrue(
                    README.contains("`" + key.spelling() + "`"), "README's Spec reference lacks key " + key.spelling());
        }
        for (FieldType t : FieldType.values()) {
            assertTrue(README.contains("`" + t.specName() + "`"), "README's Spec reference lacks type " + t.specName());
        }
        for (String reserved : SpecLanguage.RESERVED_FIELDS) {
            assertTrue(README.contains("`" + reserved + "`"), "README lacks reserved name " + reserved);
        }
    }
}
