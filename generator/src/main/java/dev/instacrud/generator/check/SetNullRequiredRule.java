package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.OnDelete;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlScalar;

/** {@code onDelete: set-null} on a required ref would leave a document that breaks its own rule. */
final class SetNullRequiredRule implements Rule {

    @Override
    public String id() {
        return "set-null-required";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode f : tree.fields()) {
            if (f.type().filter(t -> t == FieldType.REF).isEmpty() || !f.flag(Field.REQUIRED)) {
                continue;
            }
            f.map()
                    .flatMap(m -> m.scalar(Field.ON_DELETE))
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .filter(s -> s.text().equals(OnDelete.SET_NULL.specName()))
                    .ifPresent(s -> report.at(
                            s.position(),
                            "onDelete: set-null on required ref '" + f.qualifiedName()
                                    + "' would leave it empty; use restrict or cascade, or make it optional"));
        }
    }
}
