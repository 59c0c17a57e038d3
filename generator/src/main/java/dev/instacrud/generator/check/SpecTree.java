package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.YamlMap;
import dev.instacrud.generator.spec.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the YAML tree in spec terms, tolerant of any shape: where a part has the wrong
 * shape it is simply absent here (the value-kind rule reports it).
 */
final class SpecTree {

    /** An entity entry under {@code entities}. */
    record EntityNode(String name, Position position, Optional<YamlMap> map) {
        /** The path as written, or the derived one. */
        String path() {
            return map.flatMap(m -> m.text("path")).orElse(Names.defaultPath(name));
        }

        /** Where the path comes from: the {@code path} value, or the entity name. */
        Position pathPosition() {
            return map.flatMap(m -> m.get("path")).map(YamlNode::position).orElse(position);
        }
    }

    /** A field entry, at the top of an entity or nested in an object. */
    record FieldNode(
            EntityNode entity,
            String name,
            Position position,
            Optional<YamlMap> map,
            boolean nested,
            String qualifiedName) {

        Optional<FieldType> type() {
            return map.flatMap(m -> m.text("type")).flatMap(FieldType::fromSpecName);
        }

        /** The item type of a list, when both are known. */
        Optional<FieldType> itemType() {
            return type().filter(t -> t == FieldType.LIST)
                    .flatMap(t -> map.flatMap(m -> m.text("of")).flatMap(FieldType::fromSpecName));
        }

        /** The item type of a list, else the type. */
        Optional<FieldType> valueType() {
            return type().flatMap(t -> t == FieldType.LIST ? itemType() : Optional.of(t));
        }

        boolean flag(String key) {
            return map.flatMap(m -> m.scalar(key)).flatMap(ScalarValues::bool).orElse(false);
        }
    }

    private final Optional<YamlMap> root;
    private final List<EntityNode> entities = new ArrayList<>();
    private final List<FieldNode> fields = new ArrayList<>();

    SpecTree(Optional<YamlNode> node) {
        this.root = node.filter(YamlMap.class::isInstance).map(YamlMap.class::cast);
        root.flatMap(r -> r.map("entities"))
                .ifPresent(es -> es.entries().values().forEach(e -> {
                    EntityNode entity = new EntityNode(e.key(), e.keyPosition(), asMap(e.value()));
                    entities.add(entity);
                    entity.map().flatMap(m -> m.map("fields")).ifPresent(fs -> collect(entity, fs, false, ""));
                }));
    }

    private void collect(EntityNode entity, YamlMap fieldMap, boolean nested, String prefix) {
        for (YamlMap.Entry e : fieldMap.entries().values()) {
            FieldNode field =
                    new FieldNode(entity, e.key(), e.keyPosition(), asMap(e.value()), nested, prefix + e.key());
            fields.add(field);
            boolean holdsObject =
                    field.valueType().filter(t -> t == FieldType.OBJECT).isPresent();
            if (holdsObject) {
                field.map()
                        .flatMap(m -> m.map("fields"))
                        .ifPresent(fs -> collect(entity, fs, true, field.qualifiedName() + "."));
            }
        }
    }

    private static Optional<YamlMap> asMap(YamlNode node) {
        return node instanceof YamlMap m ? Optional.of(m) : Optional.empty();
    }

    Optional<YamlMap> root() {
        return root;
    }

    Optional<YamlMap> section(String key) {
        return root.flatMap(r -> r.map(key));
    }

    List<EntityNode> entities() {
        return entities;
    }

    Optional<EntityNode> entity(String name) {
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    List<String> entityNames() {
        return entities.stream().map(EntityNode::name).toList();
    }

    /** Every field, depth first in file order; nested fields follow their object. */
    List<FieldNode> fields() {
        return fields;
    }
}
