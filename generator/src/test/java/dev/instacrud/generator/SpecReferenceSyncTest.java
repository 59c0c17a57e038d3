package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecKeys;
import java.util.List;
import java.util.stream.Stream;
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
        List<String> keys = Stream.of(SpecKeys.TOP, SpecKeys.SERVICE, SpecKeys.AUTH, SpecKeys.ENTITY, SpecKeys.FIELD)
                .flatMap(List::stream)
                .toList();
        for (String key : keys) {
            assertTrue(REFERENCE.contains("`" + key + "`"), DOC + " lacks key " + key);
        }
        for (FieldType t : FieldType.values()) {
            assertTrue(REFERENCE.contains("`" + t.specName() + "`"), DOC + " lacks type " + t.specName());
        }
        for (String reserved : SpecKeys.RESERVED_FIELDS) {
            assertTrue(REFERENCE.contains("`" + reserved + "`"), DOC + " lacks reserved name " + reserved);
        }
    }
}
