package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.YamlList;
import dev.instacrud.generator.spec.YamlMap;
import dev.instacrud.generator.spec.YamlNode;
import dev.instacrud.generator.spec.YamlScalar;
import java.util.Map;
import java.util.Optional;

/** Every known key holds the kind of value it needs: a map, a list of names, text, true/false, a number. */
final class ValueKindRule implements Rule {

    enum Kind {
        MAP,
        NAMES,
        TEXT,
        BOOLEAN,
        COUNT,
        NUMBER,
        SCALAR
    }

    private static final Map<String, Kind> TOP = Map.of(
            "service", Kind.MAP, "auth", Kind.MAP, "tenancy", Kind.TEXT, "admin", Kind.BOOLEAN, "entities", Kind.MAP);
    private static final Map<String, Kind> SERVICE =
            Map.of("name", Kind.TEXT, "package", Kind.TEXT, "description", Kind.TEXT);
    private static final Map<String, Kind> AUTH =
            Map.of("registration", Kind.TEXT, "oauth", Kind.NAMES, "turnstile", Kind.BOOLEAN);
    private static final Map<String, Kind> ENTITY = Map.of(
            "scope",
            Kind.TEXT,
            "path",
            Kind.TEXT,
            "write",
            Kind.NAMES,
            "display",
            Kind.TEXT,
            "description",
            Kind.TEXT,
            "fields",
            Kind.MAP);
    private static final Map<String, Kind> FIELD = Map.ofEntries(
            Map.entry("type", Kind.TEXT),
            Map.entry("to", Kind.TEXT),
            Map.entry("of", Kind.TEXT),
            Map.entry("values", Kind.NAMES),
            Map.entry("fields", Kind.MAP),
            Map.entry("required", Kind.BOOLEAN),
            Map.entry("default", Kind.SCALAR),
            Map.entry("minLength", Kind.COUNT),
            Map.entry("maxLength", Kind.COUNT),
            Map.entry("pattern", Kind.TEXT),
            Map.entry("minimum", Kind.NUMBER),
            Map.entry("maximum", Kind.NUMBER),
            Map.entry("exclusiveMinimum", Kind.NUMBER),
            Map.entry("exclusiveMaximum", Kind.NUMBER),
            Map.entry("minItems", Kind.COUNT),
            Map.entry("maxItems", Kind.COUNT),
            Map.entry("uniqueItems", Kind.BOOLEAN),
            Map.entry("unique", Kind.BOOLEAN),
            Map.entry("secret", Kind.BOOLEAN),
            Map.entry("onDelete", Kind.TEXT),
            Map.entry("description", Kind.TEXT));

    @Override
    public String id() {
        return "value-kind";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        if (tree.root().isEmpty()) {
            return; // an empty file or a non-map root: see checkRoot
        }
        YamlMap root = tree.root().get();
        keys(root, TOP, report);
        root.map("service").ifPresent(m -> keys(m, SERVICE, report));
        root.map("auth").ifPresent(m -> keys(m, AUTH, report));
        root.map("entities")
                .ifPresent(es -> es.entries().values().forEach(e -> {
                    if (!(e.value() instanceof YamlMap)) {
                        report.at(
                                e.value().position(),
                                "entity '" + e.key() + "' must be a map of settings with 'fields', not "
                                        + e.value().describe());
                    }
                }));
        for (SpecTree.EntityNode entity : tree.entities()) {
            entity.map().ifPresent(m -> keys(m, ENTITY, report));
            entity.map()
                    .flatMap(m -> m.map("fields"))
                    .ifPresent(fs -> fs.entries().values().forEach(f -> {
                        if (!(f.value() instanceof YamlMap)) {
                            report.at(
                                    f.value().position(),
                                    "field '" + f.key() + "' must be a map like { type: string }, not "
                                            + f.value().describe());
                        }
                    }));
        }
        for (SpecTree.FieldNode field : tree.fields()) {
            field.map().ifPresent(m -> keys(m, FIELD, report));
            field.map()
                    .flatMap(m -> m.map("fields"))
                    .ifPresent(fs -> fs.entries().values().forEach(f -> {
                        if (!(f.value() instanceof YamlMap)) {
                            report.at(
                                    f.value().position(),
                                    "field '" + f.key() + "' must be a map like { type: string }, not "
                                            + f.value().describe());
                        }
                    }));
        }
    }

    /** A root that is there but is not a map. */
    static Optional<String> checkRoot(YamlNode root) {
        return root instanceof YamlMap
                ? Optional.empty()
                : Optional.of("a spec must be a map with 'service' and 'entities', not " + root.describe());
    }

    private static void keys(YamlMap map, Map<String, Kind> kinds, Reporter report) {
        for (YamlMap.Entry e : map.entries().values()) {
            Kind kind = kinds.get(e.key());
            if (kind == Kind.NAMES && e.value() instanceof YamlList list) {
                for (YamlNode item : list.items()) {
                    if (!(item instanceof YamlScalar s && s.kind() == YamlScalar.Kind.STRING)) {
                        report.at(
                                item.position(),
                                "items of '" + e.key() + "' must be text, not " + item.describe()
                                        + (item instanceof YamlScalar ? " (quote it)" : ""));
                    }
                }
            } else if (kind != null) {
                problem(e.value(), kind)
                        .ifPresent(p -> report.at(
                                e.value().position(),
                                "'" + e.key() + "' must be " + p + ", not "
                                        + e.value().describe()));
            }
        }
    }

    private static Optional<String> problem(YamlNode node, Kind kind) {
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
