package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecKeys;
import dev.instacrud.generator.spec.YamlMap;
import java.util.Optional;

/** A key that does not fit its field's type, like maxLength on an int or {@code to} on a string. */
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
                if (!SpecKeys.FIELD.contains(e.key())) {
                    continue;
                }
                Optional<Boolean> fits = fits(e.key(), type, value);
                if (fits.isPresent() && !fits.get()) {
                    report.at(
                            e.keyPosition(),
                            "'" + e.key() + "' does not apply to type '" + typeName + "' (field '"
                                    + field.qualifiedName() + "')");
                }
            }
        }
    }

    /** Whether a key fits; empty when it depends on a list item type that is unknown. */
    static Optional<Boolean> fits(String key, FieldType type, Optional<FieldType> valueType) {
        switch (key) {
            case "of":
            case "minItems":
            case "maxItems":
            case "uniqueItems":
                return Optional.of(type == FieldType.LIST);
            case "default":
                return Optional.of(type.isScalar());
            case "unique":
                return Optional.of((type.isScalar() && type != FieldType.BOOLEAN) || type == FieldType.REF);
            case "to":
            case "onDelete":
                return valueType.map(t -> t == FieldType.REF);
            case "values":
                return valueType.map(t -> t == FieldType.ENUM);
            case "fields":
                return valueType.map(t -> t == FieldType.OBJECT);
            case "minLength":
            case "maxLength":
            case "pattern":
                return valueType.map(FieldType::isText);
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
                return valueType.map(FieldType::isNumber);
            default:
                return Optional.of(true); // type, required, secret (see SecretRule), description
        }
    }
}
