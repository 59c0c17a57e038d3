package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Field;

/**
 * Where {@code secret} (write-only) makes sense: on a top-level single value. A secret ref, list or object
 * would hide links and structure the API needs; a nested secret would leak through its parent; a unique
 * secret would answer "is this value taken?" through conflict errors, a searchable one "does it contain this?"
 * through a search.
 */
final class SecretRule implements Rule {

    @Override
    public String id() {
        return "secret";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode f : tree.fields()) {
            if (!f.flag(Field.SECRET)) {
                continue;
            }
            var at = f.map().get().entry(Field.SECRET).get().keyPosition();
            String name = "field '" + f.qualifiedName() + "'";
            if (f.type().filter(t -> !t.isScalar()).isPresent()) {
                report.at(
                        at,
                        "secret does not apply to type '" + f.type().get().specName() + "' (" + name
                                + "): only single values can be write-only");
            } else if (f.nested()) {
                report.at(at, "secret is only allowed on top-level fields, not inside an object (" + name + ")");
            } else if (f.flag(Field.UNIQUE)) {
                report.at(
                        at, name + " cannot be both secret and unique: a conflict error would reveal the value exists");
            } else if (f.flag(Field.SEARCHABLE)) {
                report.at(at, name + " cannot be both secret and searchable: a search would reveal what it holds");
            }
            if (f.type().filter(t -> t == FieldType.BOOLEAN).isPresent()) {
                report.at(at, "secret does not apply to a boolean (" + name + "): two values cannot be kept secret");
            }
        }
    }
}
