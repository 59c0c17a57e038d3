package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.SpecLanguage.Entity;
import dev.instacrud.generator.spec.SpecLanguage.Field;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.SpecLanguage.Section;
import dev.instacrud.generator.spec.SpecLanguage.Top;
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
            return map.flatMap(m -> m.text(Entity.PATH)).orElse(Names.defaultPath(name));
        }

        /** Where the path comes from: the {@code path} value, or the entity name. */
        Position pathPosition() {
            return map.flatMap(m -> m.get(Entity.PATH)).map(YamlNode::position).orElse(position);
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
            return map.flatMap(m -> m.text(Field.TYPE)).flatMap(FieldType::fromSpecName);
        }

        /** The item type of a list, when both are known. */
        Optional<FieldType> itemType() {
            return type().filter(t -> t == FieldType.LIST)
                    .flatMap(t -> map.flatMap(m -> m.text(Field.OF)).flatMap(FieldType::fromSpecName));
        }

        /** The item type of a list, else the type. */
        Optional<FieldType> valueType() {
            return type().flatMap(t -> t == FieldType.LIST ? itemType() : Optional.of(t));
        }

        boolean flag(Key key) {
            return map.flatMap(m -> m.scalar(key)).flatMap(ScalarValues::bool).orElse(false);
        }
    }

    /**
     * One map of settings, whichever section it is: the keys it may hold, where a missing key is reported, how
     * messages name it, and for a field its node, whose types decide which keys apply.
     *
     * @param section the section whose keys it may hold
     * @param map     the map
     * @param at      where a missing key is reported (the name that introduces the map)
     * @param where   the map in messages: "at the top of the spec", "in entity 'Ward'"...
     * @param field   the field, for a map of the field section
     */
    record Settings(Section section, YamlMap map, Position at, String where, Optional<FieldNode> field) {
        Optional<FieldType> type() {
            return field.flatMap(FieldNode::type);
        }

        Optional<FieldType> valueType() {
            return field.flatMap(FieldNode::valueType);
        }
    }

    private final Optional<YamlMap> root;
    private final List<EntityNode> entities = new ArrayList<>();
    private final List<FieldNode> fields = new ArrayList<>();
    private final List<Settings> settings = new ArrayList<>();

    SpecTree(Optional<YamlNode> node) {
        this.root = node.filter(YamlMap.class::isInstance).map(YamlMap.class::cast);
        root.flatMap(r -> r.map(Top.ENTITIES))
                .ifPresent(es -> es.entries().values().forEach(e -> {
                    EntityNode entity = new EntityNode(e.key(), e.keyPosition(), asMap(e.value()));
                    entities.add(entity);
                    entity.map().flatMap(m -> m.map(Entity.FIELDS)).ifPresent(fs -> collect(entity, fs, false, ""));
                }));
        root.ifPresent(r -> {
            settings.add(new Settings(Section.TOP, r, r.position(), "at the top of the spec", Optional.empty()));
            section(r, Top.SERVICE, Section.SERVICE);
            section(r, Top.AUTH, Section.AUTH);
        });
        for (EntityNode e : entities) {
            e.map()
                    .ifPresent(m -> settings.add(new Settings(
                            Section.ENTITY, m, e.position(), "in entity '" + e.name() + "'", Optional.empty())));
        }
        for (FieldNode f : fields) {
            f.map()
                    .ifPresent(m -> settings.add(new Settings(
                            Section.FIELD, m, f.position(), "in field '" + f.qualifiedName() + "'", Optional.of(f))));
        }
    }

    private void section(YamlMap root, Top key, Section section) {
        String where = "in '" + key.spelling() + "'";
        root.entry(key)
                .filter(e -> e.value() instanceof YamlMap)
                .ifPresent(e -> settings.add(
                        new Settings(section, (YamlMap) e.value(), e.keyPosition(), where, Optional.empty())));
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
                        .flatMap(m -> m.map(Field.FIELDS))
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

    /** A section under the top of the spec, when it is a map. */
    Optional<YamlMap> section(Top key) {
        return root.flatMap(r -> r.map(key));
    }

    /**
     * Every map of settings, top first, then {@code service} and {@code auth}, the entities, and the fields depth
     * first in file order.
     */
    List<Settings> settings() {
        return settings;
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
