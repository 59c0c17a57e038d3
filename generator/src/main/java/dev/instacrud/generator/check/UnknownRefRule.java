package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlScalar;

/** A ref whose {@code to} names no entity of the spec. */
final class UnknownRefRule implements Rule {

    @Override
    public String id() {
        return "unknown-ref";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode field : tree.fields()) {
            if (field.valueType().filter(t -> t == FieldType.REF).isEmpty()) {
                continue;
            }
            field.map().flatMap(m -> m.scalar(Field.TO)).ifPresent(to -> {
                if (to.kind() == YamlScalar.Kind.STRING
                        && tree.entity(to.text()).isEmpty()) {
                    report.at(
                            to.position(),
                            "field '" + field.qualifiedName() + "' refers to unknown entity '" + to.text() + "'"
                                    + Suggest.didYouMean(to.text(), tree.entityNames()));
                }
            });
        }
    }
}
