package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.SpecLanguage.Required;
import dev.instacrud.generator.spec.SpecLanguage.Top;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlMap;

/**
 * Keys a spec, an entity or a field of a given type cannot do without (the language table says which), and sections
 * left empty.
 */
final class MissingKeyRule implements Rule {

    @Override
    public String id() {
        return "missing-key";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.Settings settings : tree.settings()) {
            for (Key key : settings.section().keys()) {
                key.required()
                        .filter(r -> settings.map().get(key).isEmpty())
                        .filter(r -> r.when()
                                .contain(settings.type(), settings.valueType())
                                .orElse(false))
                        .ifPresent(r -> report.at(settings.at(), missing(key, r, settings.where())));
            }
        }
        tree.root()
                .flatMap(r -> r.entry(Top.ENTITIES))
                .filter(e -> e.value() instanceof YamlMap m && m.entries().isEmpty())
                .ifPresent(e -> report.at(e.keyPosition(), "'entities' is empty: declare at least one entity"));
        for (SpecTree.EntityNode entity : tree.entities()) {
            entity.map()
                    .flatMap(m -> m.entry(Entity.FIELDS))
                    .filter(e -> e.value() instanceof YamlMap f && f.entries().isEmpty())
                    .ifPresent(e -> report.at(e.keyPosition(), "entity '" + entity.name() + "' has no fields"));
        }
        for (SpecTree.FieldNode field : tree.fields()) {
            if (field.map().isEmpty() || field.valueType().isEmpty()) {
                continue;
            }
            YamlMap m = field.map().get();
            if (field.valueType().get() == FieldType.ENUM) {
                m.entry(Field.VALUES)
                        .filter(e ->
                                e.value() instanceof YamlList l && l.items().isEmpty())
                        .ifPresent(e -> report.at(
                                e.keyPosition(), "'values' of field '" + field.qualifiedName() + "' is empty"));
            } else if (field.valueType().get() == FieldType.OBJECT) {
                m.entry(Field.FIELDS)
                        .filter(e ->
                                e.value() instanceof YamlMap f && f.entries().isEmpty())
                        .ifPresent(e -> report.at(
                                e.keyPosition(), "object field '" + field.qualifiedName() + "' has no fields"));
            }
        }
    }

    private static String missing(Key key, Required required, String where) {
        String what = required.what().isEmpty() ? "" : " (" + required.what() + ")";
        return "missing required key '" + key.spelling() + "' " + where + what;
    }
}
