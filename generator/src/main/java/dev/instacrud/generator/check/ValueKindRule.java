package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.SpecLanguage.Top;
import dev.instacrud.generator.spec.SpecLanguage.ValueKind;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlMap;
import dev.instacrud.generator.spec.YamlNode;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.Optional;

/**
 * Every known key holds the kind of value the language table gives it: a map, a list of names, text, true/false, a
 * number; and every entity and field is a map of settings. A boolean is {@code true} or {@code false}: YAML 1.1's
 * {@code yes}, {@code no}, {@code on}, {@code off}, {@code y} and {@code n} are refused with the spelling to use,
 * as the JSON Schema (YAML 1.2, where they are text) refuses them in an editor.
 */
final class ValueKindRule implements Rule {

    @Override
    public String id() {
        return "value-kind";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        if (tree.root().isEmpty()) {
            return; // an empty file or a non-map root: see checkRoot
        }
        for (SpecTree.Settings settings : tree.settings()) {
            keys(settings, report);
        }
        tree.section(Top.ENTITIES)
                .ifPresent(es -> es.entries().values().forEach(e -> {
                    if (!(e.value() instanceof YamlMap)) {
                        report.at(
                                e.value().position(),
                                "entity '" + e.key() + "' must be a map of settings with 'fields', not "
                                        + e.value().describe());
                    }
                }));
        for (SpecTree.EntityNode entity : tree.entities()) {
            entity.map().flatMap(m -> m.map(Entity.FIELDS)).ifPresent(fs -> fieldsAreMaps(fs, report));
        }
        for (SpecTree.FieldNode field : tree.fields()) {
            field.map().flatMap(m -> m.map(Field.FIELDS)).ifPresent(fs -> fieldsAreMaps(fs, report));
        }
    }

    /** A root that is there but is not a map. */
    static Optional<String> checkRoot(YamlNode root) {
        return root instanceof YamlMap
                ? Optional.empty()
                : Optional.of("a spec must be a map with 'service' and 'entities', not " + root.describe());
    }

    private static void fieldsAreMaps(YamlMap fields, Reporter report) {
        for (YamlMap.Entry f : fields.entries().values()) {
            if (!(f.value() instanceof YamlMap)) {
                report.at(
                        f.value().position(),
                        "field '" + f.key() + "' must be a map like { type: string }, not "
                                + f.value().describe());
            }
        }
    }

    private static void keys(SpecTree.Settings settings, Reporter report) {
        for (YamlMap.Entry e : settings.map().entries().values()) {
            Optional<ValueKind> kind = settings.section().key(e.key()).map(Key::kind);
            if (kind.isEmpty()) {
                continue; // unknown-key reports it
            }
            if (kind.get() == ValueKind.NAMES && e.value() instanceof YamlList list) {
                for (YamlNode item : list.items()) {
                    if (!(item instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING)) {
                        report.at(
                                item.position(),
                                "items of '" + e.key() + "' must be text, not " + item.describe()
                                        + (item instanceof YamlScalar ? " (quote it)" : ""));
                    }
                }
            } else if (kind.get() == ValueKind.BOOLEAN && ScalarValues.isYaml11Boolean(e.value())) {
                String text = ((YamlScalar) e.value()).text();
                report.at(
                        e.value().position(),
                        "'" + e.key() + "' must be true or false, not '" + text + "': write "
                                + (ScalarValues.bool((YamlScalar) e.value()).orElse(false) ? "true" : "false")
                                + " (yes/no/on/off are booleans only in YAML 1.1; editors and the JSON Schema read"
                                + " them as text)");
            } else {
                problem(e.value(), kind.get())
                        .ifPresent(p -> report.at(
                                e.value().position(),
                                "'" + e.key() + "' must be " + p + ", not "
                                        + e.value().describe()));
            }
        }
    }

    private static Optional<String> problem(YamlNode node, ValueKind kind) {
        switch (kind) {
            case MAP:
                return node instanceof YamlMap ? Optional.empty() : Optional.of("a map");
            case NAMES:
                return node instanceof YamlList ? Optional.empty() : Optional.of("a list of names like [a, b]");
            case TEXT:
                return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING
                        ? Optional.empty()
                        : Optional.of("text");
            case BOOLEAN:
                return node instanceof YamlScalar s && s.kind() == YamlScalar.Kind.BOOLEAN
                        ? Optional.empty()
                        : Optional.of("true or false");
            case COUNT:
                return node instanceof YamlScalar s && ScalarValues.count(s).isPresent()
                        ? Optional.empty()
                        : Optional.of("a whole number from 0");
            case NUMBER:
                return node instanceof YamlScalar s && ScalarValues.number(s).isPresent()
                        ? Optional.empty()
                        : Optional.of("a number");
            default:
                return node instanceof YamlScalar s && s.kind() != YamlScalar.Kind.NULL
                        ? Optional.empty()
                        : Optional.of("a single value");
        }
    }
}
