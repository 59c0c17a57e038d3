package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlMap;

/** Keys a spec, an entity or a field of a given type cannot do without, and sections left empty. */
final class MissingKeyRule implements Rule {

    @Override
    public String id() {
        return "missing-key";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        if (tree.root().isEmpty()) {
            return;
        }
        YamlMap root = tree.root().get();
        require(root, "service", root.position(), "at the top of the spec", report);
        require(root, "entities", root.position(), "at the top of the spec", report);
        root.entry("service").filter(e -> e.value() instanceof YamlMap).ifPresent(e -> {
            require((YamlMap) e.value(), "name", e.keyPosition(), "in 'service'", report);
            require((YamlMap) e.value(), "package", e.keyPosition(), "in 'service'", report);
        });
        root.entry("entities")
                .filter(e -> e.value() instanceof YamlMap m && m.entries().isEmpty())
                .ifPresent(e -> report.at(e.keyPosition(), "'entities' is empty: declare at least one entity"));
        for (SpecTree.EntityNode entity : tree.entities()) {
            entity.map().ifPresent(m -> {
                String where = "in entity '" + entity.name() + "'";
                require(m, "fields", entity.position(), where, report);
                m.entry("fields")
                        .filter(e ->
                                e.value() instanceof YamlMap f && f.entries().isEmpty())
                        .ifPresent(e -> report.at(e.keyPosition(), "entity '" + entity.name() + "' has no fields"));
            });
        }
        for (SpecTree.FieldNode field : tree.fields()) {
            field.map().ifPresent(m -> {
                String where = "in field '" + field.qualifiedName() + "'";
                require(m, "type", field.position(), where, report);
                field.type()
                        .filter(t -> t == FieldType.LIST)
                        .ifPresent(t ->
                                require(m, "of", field.position(), where + " (the item type of the list)", report));
                field.valueType().ifPresent(t -> {
                    if (t == FieldType.REF) {
                        require(m, "to", field.position(), where + " (the entity it refers to)", report);
                    } else if (t == FieldType.ENUM) {
                        require(m, "values", field.position(), where + " (the allowed values)", report);
                        m.entry("values")
                                .filter(e -> e.value() instanceof YamlList l
                                        && l.items().isEmpty())
                                .ifPresent(e -> report.at(
                                        e.keyPosition(), "'values' of field '" + field.qualifiedName() + "' is empty"));
                    } else if (t == FieldType.OBJECT) {
                        require(m, "fields", field.position(), where + " (the fields of the object)", report);
                        m.entry("fields")
                                .filter(e -> e.value() instanceof YamlMap f
                                        && f.entries().isEmpty())
                                .ifPresent(e -> report.at(
                                        e.keyPosition(), "object field '" + field.qualifiedName() + "' has no fields"));
                    }
                });
            });
        }
    }

    private static void require(YamlMap map, String key, Position at, String where, Reporter report) {
        if (map.get(key).isEmpty()) {
            report.at(at, "missing required key '" + key + "' " + where);
        }
    }
}
