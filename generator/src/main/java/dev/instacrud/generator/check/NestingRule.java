package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.YamlScalar;

/** What may sit inside what: no lists of lists; refs, unique and searchable only at the top of an entity. */
final class NestingRule implements Rule {

    @Override
    public String id() {
        return "nesting";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.FieldNode f : tree.fields()) {
            if (f.type().filter(t -> t == FieldType.LIST).isPresent()) {
                f.map()
                        .flatMap(m -> m.scalar(Field.OF))
                        .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                        .filter(s -> s.text().equals("list"))
                        .ifPresent(s -> report.at(
                                s.position(),
                                "a list cannot hold lists (field '" + f.qualifiedName()
                                        + "'); use a list of objects with a list field"));
            }
            if (!f.nested()) {
                continue;
            }
            if (f.valueType().filter(t -> t == FieldType.REF).isPresent()) {
                report.at(
                        f.map().get().entry(Field.TYPE).get().value().position(),
                        "refs are only allowed at the top level of" + " an entity, not inside an object (field '"
                                + f.qualifiedName() + "')");
            }
            if (f.flag(Field.UNIQUE)) {
                report.at(
                        f.map().get().entry(Field.UNIQUE).get().keyPosition(),
                        "unique is only allowed on top-level fields," + " not inside an object (field '"
                                + f.qualifiedName() + "')");
            }
            if (f.flag(Field.SEARCHABLE)) {
                report.at(
                        f.map().get().entry(Field.SEARCHABLE).get().keyPosition(),
                        "searchable is only allowed on top-level fields, not inside an object (field '"
                                + f.qualifiedName() + "')");
            }
        }
    }
}
