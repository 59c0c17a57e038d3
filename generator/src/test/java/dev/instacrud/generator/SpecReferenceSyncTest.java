package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage;
import org.junit.jupiter.api.Test;

/** {@code docs/spec-reference.md} names every key, type, reserved name and checker rule the code knows. */
class SpecReferenceSyncTest {

    private static final String DOC = "docs/spec-reference.md";
    private static final String REFERENCE = Samples.read(Samples.ROOT.resolve(DOC));

    @Test
    void everyRuleIdIsDocumented() {
        for (String id : Instacrud.ruleIds()) {
            assertTrue(REFERENCE.contains("| `" + id + "` |"), DOC + "'s checker table lacks " + id);
        }
    }

    @Test
    void everyKeyAndTypeIsDocumented() {
        for (SpecLanguage.Key key : SpecLanguage.keys()) {
            assertTrue(REFERENCE.contains("`" + key.spelling() + "`"), DOC + " lacks key " + key.spelling());
        }
        for (FieldType t : FieldType.values()) {
            assertTrue(REFERENCE.contains("`" + t.specName() + "`"), DOC + " lacks type " + t.specName());
        }
        for (String reserved : SpecLanguage.RESERVED_FIELDS) {
            assertTrue(REFERENCE.contains("`" + reserved + "`"), DOC + " lacks reserved name " + reserved);
        }
        for (String reserved : SpecLanguage.RESERVED_PATHS) {
            assertTrue(REFERENCE.contains("`" + reserved + "`"), DOC + " lacks reserved path " + reserved);
        }
    }
}
