package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
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
            if (f.type().filter(t -> t == FieldType.REF).isEmpty() || !f.flag("required")) {
                continue;
            }
            f.map()
                    .flatMap(m -> m.scalar("onDelete"))
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .filter(s -> s.text().equals("set-null"))
                    .ifPresent(s -> report.at(
                            s.position(),
                            "onDelete: set-null on required ref '" + f.qualifiedName()
                                    + "' would leave it empty; use restrict or cascade, or make it optional"));
        }
    }
}
