package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Section;
import dev.instacrud.generator.spec.YamlMap;
import java.util.Optional;

/**
 * A key that does not fit its field's type, like maxLength on an int or {@code to} on a string: the language table
 * says which types each key applies to. Where that depends on a list's item type that is unknown, it says nothing.
 */
final class ConstraintTypeRule implements Rule {

    @Override
    public String id() {
        return "constraint-type";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            if (field.map().isEmpty() || field.type().isEmpty()) {
                continue;
            }
            FieldType type = field.type().get();
            Optional<FieldType> value = field.valueType();
            String typeName = type == FieldType.LIST
                    ? "list of " + value.map(FieldType::specName).orElse("?")
                    : type.specName();
            for (YamlMap.Entry e : field.map().get().entries().values()) {
                Optional<Boolean> fits =
                        Section.FIELD.key(e.key()).flatMap(k -> k.appliesTo().contain(Optional.of(type), value));
                if (fits.isPresent() && !fits.get()) {
                    report.at(
                            e.keyPosition(),
                            "'" + e.key() + "' does not apply to type '" + typeName + "' (field '"
                                    + field.qualifiedName() + "')");
                }
            }
        }
    }
}
