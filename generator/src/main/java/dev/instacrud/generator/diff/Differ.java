package dev.instacrud.generator.diff;

import static dev.instacrud.generator.diff.Impact.BREAKS_CLIENTS;
import static dev.instacrud.generator.diff.Impact.COMPATIBLE;
import static dev.instacrud.generator.diff.Impact.NEEDS_MIGRATION;

import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.IfMatch;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.model.WriteRole;
import dev.instacrud.generator.spec.YamlMap;
import dev.instacrud.generator.spec.YamlNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares two checked models, and finds each change's place in the new spec's YAML. For stored data it follows the
 * runtime's rules (widened types are {@code string}/{@code text} either way, {@code email}/{@code url}/{@code
 * uuid}/{@code enum} to a text type, {@code int} to {@code long}; a default is backfilled by the runtime); for API
 * clients, anything a client may send that is now refused, anything it read that is gone, and any behaviour of a
 * write that changed ({@code onDelete}, roles, {@code ifMatch}) breaks them.
 */
final class Differ {
    private static final Set<Set<FieldType>> SAME_STORAGE = Set.of(Set.of(FieldType.STRING, FieldType.TEXT));
    private static final Set<FieldType> TEXT = Set.of(FieldType.STRING, FieldType.TEXT);
    private static final Set<FieldType> NARROW_TEXT =
            Set.of(FieldType.EMAIL, FieldType.URL, FieldType.UUID, FieldType.ENUM);

    private final ServiceModel old;
    private final ServiceModel current;
    private final YamlMap root;
    private final List<SpecChange> changes = new ArrayList<>();

    Differ(ServiceModel old, ServiceModel current, YamlNode newTree) {
        this.old = old;
        this.current = current;
        this.root = newTree instanceof YamlMap map ? map : new YamlMap(Position.START, Map.of());
    }

    List<SpecChange> changes() {
        service();
        Map<String, EntityModel> before = byName(old.entities(), EntityModel::name);
        Map<String, EntityModel> after = byName(current.entities(), EntityModel::name);
        for (EntityModel gone : before.values()) {
            if (!after.containsKey(gone.name())) {
                add(
                        at("entities"),
                        ChangeKind.ENTITY_REMOVED,
                        gone.name(),
                        null,
                        "the entity was removed: its stored documents (collection " + gone.collection()
                                + ") must be deleted or moved, and its routes are gone",
                        NEEDS_MIGRATION,
                        BREAKS_CLIENTS);
            }
        }
        for (EntityModel entity : after.values()) {
            EntityModel was = before.get(entity.name());
            if (was == null) {
                add(entity.position(), ChangeKind.ENTITY_ADDED, entity.name(), null, "a new entity", COMPATIBLE);
            } else {
                entity(was, entity);
            }
        }
        changes.sort(Comparator.comparing(SpecChange::position));
        return changes;
    }

    private void service() {
        if (old.tenancy() != current.tenancy()) {
            add(
                    at("tenancy"),
                    ChangeKind.SERVICE_CHANGED,
                    null,
                    null,
                    "tenancy " + old.tenancy().specName() + " to "
                            + current.tenancy().specName()
                            + ": organisations' data in their own databases must be moved",
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
        }
        if (old.auth().registration() != current.auth().registration()) {
            boolean closed = current.auth().registration().specName().equals("invite-only");
            add(
                    at("auth", "registration"),
                    ChangeKind.SERVICE_CHANGED,
                    null,
                    null,
                    "registration " + old.auth().registration().specName() + " to "
                            + current.auth().registration().specName(),
                    closed ? BREAKS_CLIENTS : COMPATIBLE);
        }
        if (old.auth().turnstile() != current.auth().turnstile()) {
            add(
                    at("auth", "turnstile"),
                    ChangeKind.SERVICE_CHANGED,
                    null,
                    null,
                    current.auth().turnstile()
                            ? "sign-up and sign-in now need a Turnstile token"
                            : "sign-up and sign-in no longer need a Turnstile token",
                    current.auth().turnstile() ? BREAKS_CLIENTS : COMPATIBLE);
        }
        for (OAuthProvider provider : old.auth().oauth()) {
            if (!current.auth().oauth().contains(provider)) {
                add(
                        at("auth", "oauth"),
                        ChangeKind.SERVICE_CHANGED,
                        null,
                        null,
                        "sign-in with " + provider.specName() + " is no longer offered",
                        BREAKS_CLIENTS);
            }
        }
    }

    private void entity(EntityModel was, EntityModel now) {
        String name = now.name();
        if (!was.path().equals(now.path())) {
            add(
                    at("entities", name, "path"),
                    ChangeKind.PATH_CHANGED,
                    name,
                    null,
                    "path " + was.path() + " to " + now.path() + ": the routes moved, and the stored documents must"
                            + " move from collection " + was.collection() + " to " + now.collection(),
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
        }
        if (was.scope() != now.scope()) {
            add(
                    at("entities", name, "scope"),
                    ChangeKind.SCOPE_CHANGED,
                    name,
                    null,
                    "scope " + was.scope().specName() + " to " + now.scope().specName()
                            + (now.scope().specName().equals("user")
                                    ? ": stored documents need an owner (userId), and members no longer see others'"
                                    : ": every member will see documents that were their author's alone"),
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
        }
        Set<WriteRole> lost = new LinkedHashSet<>(was.writeRoles());
        lost.removeAll(now.writeRoles());
        if (!lost.isEmpty()) {
            add(
                    at("entities", name, "write"),
                    ChangeKind.ACCESS_CHANGED,
                    name,
                    null,
                    "no longer written by " + names(lost, WriteRole::specName),
                    BREAKS_CLIENTS);
        } else if (!now.writeRoles().equals(was.writeRoles())) {
            add(
                    at("entities", name, "write"),
                    ChangeKind.ACCESS_CHANGED,
                    name,
                    null,
                    "now also written by " + names(minus(now.writeRoles(), was.writeRoles()), WriteRole::specName),
                    COMPATIBLE);
        }
        if (was.ifMatch() != now.ifMatch()) {
            boolean required = now.ifMatch() == IfMatch.REQUIRED;
            add(
                    at("entities", name, "ifMatch"),
                    ChangeKind.ACCESS_CHANGED,
                    name,
                    null,
                    required
                            ? "PUT, PATCH and DELETE now need If-Match (428 without)"
                            : "PUT, PATCH and DELETE no longer need If-Match",
                    required ? BREAKS_CLIENTS : COMPATIBLE);
        }
        fields(name, List.of(), was.fields(), now.fields());
    }

    // path: the field names from the entity down to the fields compared (empty at the top)
    private void fields(String entity, List<String> path, List<FieldModel> was, List<FieldModel> now) {
        Map<String, FieldModel> before = byName(was, FieldModel::name);
        Map<String, FieldModel> after = byName(now, FieldModel::name);
        List<FieldModel> removed =
                was.stream().filter(f -> !after.containsKey(f.name())).toList();
        List<FieldModel> added =
                now.stream().filter(f -> !before.containsKey(f.name())).toList();
        Map<FieldModel, FieldModel> renames = path.isEmpty() ? renames(removed, added) : Map.of();
        for (FieldModel gone : removed) {
            if (renames.containsKey(gone)) {
                continue;
            }
            String label = label(path, gone.name());
            add(
                    fieldsKey(entity, path),
                    ChangeKind.FIELD_REMOVED,
                    entity,
                    top(path, gone),
                    label + " was removed: its stored values must be dropped (or kept elsewhere), and clients no"
                            + " longer read it",
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
        }
        for (FieldModel field : added) {
            String label = label(path, field.name());
            FieldModel from = renames.entrySet().stream()
                    .filter(e -> e.getValue() == field)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            Position where = fieldPosition(entity, path, field);
            if (from != null) {
                changes.add(new SpecChange(
                        where,
                        ChangeKind.FIELD_RENAMED,
                        Optional.of(entity),
                        Optional.of(field.name()),
                        Optional.empty(),
                        from.name() + " was removed and " + field.name() + " added with its type: a rename?"
                                + " stored values must move, and clients use the new name",
                        Set.of(NEEDS_MIGRATION, BREAKS_CLIENTS),
                        Optional.of(from.name())));
            } else if (field.defaultValue().isPresent()) {
                add(
                        where,
                        ChangeKind.DEFAULT_BACKFILLED,
                        entity,
                        top(path, field),
                        label + " is new, with a default: stored documents get it at start-up",
                        COMPATIBLE);
            } else if (field.required()) {
                add(
                        where,
                        ChangeKind.REQUIRED_WITHOUT_DEFAULT,
                        entity,
                        top(path, field),
                        label + " is new and required, without a default: stored documents have no value, and"
                                + " clients that do not send it get 422",
                        NEEDS_MIGRATION,
                        BREAKS_CLIENTS);
            } else {
                add(
                        where,
                        ChangeKind.FIELD_ADDED,
                        entity,
                        top(path, field),
                        label + " is a new optional field",
                        COMPATIBLE);
            }
        }
        for (FieldModel field : now) {
            FieldModel earlier = before.get(field.name());
            if (earlier != null) {
                field(entity, path, earlier, field);
            }
        }
    }

    private void field(String entity, List<String> path, FieldModel was, FieldModel now) {
        String label = label(path, now.name());
        String top = top(path, now);
        boolean list = now.type() == FieldType.LIST;
        if ((was.type() == FieldType.LIST) != list || !compatible(was.valueType(), now.valueType())) {
            add(
                    key(entity, path, now, "type"),
                    ChangeKind.TYPE_CHANGED,
                    entity,
                    top,
                    "type",
                    label + " changed type from " + describe(was) + " to " + describe(now)
                            + ": stored values must be converted, and clients send and read the new type",
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
            return;
        }
        if (was.valueType() != now.valueType()) {
            add(
                    key(entity, path, now, "type"),
                    ChangeKind.TYPE_WIDENED,
                    entity,
                    top,
                    "type",
                    label + " widened from " + describe(was) + " to " + describe(now),
                    COMPATIBLE);
        }
        if (!was.refTarget().equals(now.refTarget())) {
            add(
                    key(entity, path, now, "to"),
                    ChangeKind.REF_TARGET_CHANGED,
                    entity,
                    top,
                    "to",
                    label + " now refers to " + now.refTarget().orElse("?") + " instead of "
                            + was.refTarget().orElse("?") + ": stored ids point at the old entity",
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
        }
        if (!was.required() && now.required()) {
            if (now.defaultValue().isPresent()) {
                add(
                        key(entity, path, now, "required"),
                        ChangeKind.DEFAULT_BACKFILLED,
                        entity,
                        top,
                        "required",
                        label + " is now required, with a default: stored documents without a value get it",
                        COMPATIBLE);
            } else {
                add(
                        key(entity, path, now, "required"),
                        ChangeKind.REQUIRED_WITHOUT_DEFAULT,
                        entity,
                        top,
                        "required",
                        label + " is now required, without a default: stored documents without a value need one,"
                                + " and clients that do not send it get 422",
                        NEEDS_MIGRATION,
                        BREAKS_CLIENTS);
            }
        } else if (was.required() && !now.required()) {
            add(
                    key(entity, path, now, "required"),
                    ChangeKind.CONSTRAINT_RELAXED,
                    entity,
                    top,
                    "required",
                    label + " is now optional (clients may read null)",
                    COMPATIBLE);
        }
        List<String> lostValues = minus(was.enumValues(), now.enumValues());
        if (!lostValues.isEmpty()) {
            add(
                    key(entity, path, now, "values"),
                    ChangeKind.ENUM_VALUES_REMOVED,
                    entity,
                    top,
                    "values",
                    label + " no longer allows " + lostValues + ": stored values must change, and clients that send"
                            + " them get 422",
                    NEEDS_MIGRATION,
                    BREAKS_CLIENTS);
        }
        List<String> newValues = minus(now.enumValues(), was.enumValues());
        if (!newValues.isEmpty()) {
            add(
                    key(entity, path, now, "values"),
                    ChangeKind.ENUM_VALUES_ADDED,
                    entity,
                    top,
                    "values",
                    label + " also allows " + newValues,
                    COMPATIBLE);
        }
        if (was.secret() != now.secret()) {
            add(
                    key(entity, path, now, "secret"),
                    now.secret() ? ChangeKind.SECRET_ADDED : ChangeKind.SECRET_REMOVED,
                    entity,
                    top,
                    "secret",
                    now.secret()
                            ? label + " is now write-only: clients no longer read it"
                            : label + " is no longer secret: its stored values would be shown, so a migration says"
                                    + " which to keep",
                    now.secret() ? BREAKS_CLIENTS : NEEDS_MIGRATION);
        }
        if (was.unique() != now.unique()) {
            add(
                    key(entity, path, now, "unique"),
                    now.unique() ? ChangeKind.UNIQUE_ADDED : ChangeKind.UNIQUE_REMOVED,
                    entity,
                    top,
                    "unique",
                    now.unique()
                            ? label + " is now unique: stored duplicates must go, and a client sending a taken value"
                                    + " gets 409"
                            : label + " is no longer unique",
                    now.unique() ? new Impact[] {NEEDS_MIGRATION, BREAKS_CLIENTS} : new Impact[] {COMPATIBLE});
        }
        constraints(entity, path, was, now, label, top);
        if (was.isRef() && was.onDeleteOrDefault() != now.onDeleteOrDefault()) {
            add(
                    key(entity, path, now, "onDelete"),
                    ChangeKind.ON_DELETE_CHANGED,
                    entity,
                    top,
                    "onDelete",
                    label + " onDelete " + was.onDeleteOrDefault().specName() + " to "
                            + now.onDeleteOrDefault().specName() + ": deleting "
                            + article(now.refTarget().orElse("?"))
                            + " now answers or reaches differently (stored documents are unchanged)",
                    BREAKS_CLIENTS);
        }
        if (!was.defaultValue().equals(now.defaultValue())
                && was.defaultValue().isPresent()
                && now.defaultValue().isPresent()) {
            add(
                    key(entity, path, now, "default"),
                    ChangeKind.DEFAULT_CHANGED,
                    entity,
                    top,
                    "default",
                    label + " default " + was.defaultValue().get() + " to "
                            + now.defaultValue().get() + " (for new writes only)",
                    COMPATIBLE);
        }
        if (now.valueType() == FieldType.OBJECT) {
            fields(entity, append(path, now.name()), was.fields(), now.fields());
        }
    }

    private void constraints(
            String entity, List<String> path, FieldModel was, FieldModel now, String label, String top) {
        Constraints a = was.constraints();
        Constraints b = now.constraints();
        Map<String, Integer> tighter = new LinkedHashMap<>();
        tighter.put("minLength", compare(counted(a.minLength()), counted(b.minLength()), 1));
        tighter.put("maxLength", compare(counted(a.maxLength()), counted(b.maxLength()), -1));
        tighter.put("minimum", compare(a.minimum(), b.minimum(), 1));
        tighter.put("maximum", compare(a.maximum(), b.maximum(), -1));
        tighter.put("exclusiveMinimum", compare(a.exclusiveMinimum(), b.exclusiveMinimum(), 1));
        tighter.put("exclusiveMaximum", compare(a.exclusiveMaximum(), b.exclusiveMaximum(), -1));
        tighter.put("minItems", compare(counted(a.minItems()), counted(b.minItems()), 1));
        tighter.put("maxItems", compare(counted(a.maxItems()), counted(b.maxItems()), -1));
        tighter.put(
                "pattern",
                b.pattern().isPresent() && !b.pattern().equals(a.pattern())
                        ? 1
                        : a.pattern().isPresent() && b.pattern().isEmpty() ? -1 : 0);
        tighter.put("uniqueItems", Boolean.compare(b.uniqueItems(), a.uniqueItems()));
        for (Map.Entry<String, Integer> c : tighter.entrySet()) {
            String key = c.getKey();
            if (c.getValue() > 0) {
                add(
                        key(entity, path, now, key),
                        ChangeKind.CONSTRAINT_NARROWED,
                        entity,
                        top,
                        key,
                        label + " has a narrower " + key + " (" + value(a, key) + " to " + value(b, key)
                                + "): stored values may break it, and clients sending them get 422",
                        NEEDS_MIGRATION,
                        BREAKS_CLIENTS);
            } else if (c.getValue() < 0) {
                add(
                        key(entity, path, now, key),
                        ChangeKind.CONSTRAINT_RELAXED,
                        entity,
                        top,
                        key,
                        label + " has a wider " + key + " (" + value(a, key) + " to " + value(b, key) + ")",
                        COMPATIBLE);
            }
        }
    }

    // 1: b is tighter (sign 1: a lower bound, higher is tighter; -1: an upper bound, lower is tighter); -1 looser
    private static int compare(Optional<BigDecimal> a, Optional<BigDecimal> b, int sign) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1;
        }
        if (b.isEmpty()) {
            return -1;
        }
        return Integer.signum(b.get().compareTo(a.get()) * sign);
    }

    private static Optional<BigDecimal> counted(Optional<Integer> count) {
        return count.map(BigDecimal::valueOf);
    }

    private static String value(Constraints c, String key) {
        Optional<?> v = switch (key) {
            case "minLength" -> c.minLength();
            case "maxLength" -> c.maxLength();
            case "minimum" -> c.minimum().map(BigDecimal::toPlainString);
            case "maximum" -> c.maximum().map(BigDecimal::toPlainString);
            case "exclusiveMinimum" -> c.exclusiveMinimum().map(BigDecimal::toPlainString);
            case "exclusiveMaximum" -> c.exclusiveMaximum().map(BigDecimal::toPlainString);
            case "minItems" -> c.minItems();
            case "maxItems" -> c.maxItems();
            case "pattern" -> c.pattern();
            default -> Optional.of(c.uniqueItems());
        };
        return v.map(String::valueOf).orElse("none");
    }

    // A removed field and an added one of the same type, one to one in their entity: most likely a rename.
    private static Map<FieldModel, FieldModel> renames(List<FieldModel> removed, List<FieldModel> added) {
        Map<FieldModel, FieldModel> out = new LinkedHashMap<>();
        for (FieldModel gone : removed) {
            List<FieldModel> like =
                    added.stream().filter(a -> sameShape(gone, a)).toList();
            if (like.size() == 1
                    && removed.stream().filter(r -> sameShape(r, like.get(0))).count() == 1) {
                out.put(gone, like.get(0));
            }
        }
        return out;
    }

    private static boolean sameShape(FieldModel a, FieldModel b) {
        return a.type() == b.type()
                && a.itemType().equals(b.itemType())
                && a.refTarget().equals(b.refTarget())
                && a.enumValues().equals(b.enumValues());
    }

    private static boolean compatible(FieldType was, FieldType now) {
        return was == now
                || SAME_STORAGE.contains(Set.of(was, now))
                || (NARROW_TEXT.contains(was) && TEXT.contains(now))
                || (was == FieldType.INT && now == FieldType.LONG);
    }

    private static String article(String noun) {
        return ("AEIOUaeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String describe(FieldModel field) {
        return field.type() == FieldType.LIST
                ? "list of " + field.itemType().map(FieldType::specName).orElse("?")
                : field.type().specName();
    }

    private void add(
            Position position, ChangeKind kind, String entity, String field, String detail, Impact... impacts) {
        add(position, kind, entity, field, null, detail, impacts);
    }

    private void add(
            Position position,
            ChangeKind kind,
            String entity,
            String field,
            String key,
            String detail,
            Impact... impacts) {
        changes.add(new SpecChange(
                position,
                kind,
                Optional.ofNullable(entity),
                Optional.ofNullable(field),
                Optional.ofNullable(key),
                detail,
                Set.of(impacts),
                Optional.empty()));
    }

    // The position of the key at this path in the new spec, or of the deepest part of it that is there.
    private Position at(String... path) {
        YamlMap map = root;
        Position found = Position.START;
        for (String key : path) {
            Optional<YamlMap.Entry> entry = map.entry(key);
            if (entry.isEmpty()) {
                return found;
            }
            found = entry.get().keyPosition();
            if (!(entry.get().value() instanceof YamlMap next)) {
                return found;
            }
            map = next;
        }
        return found;
    }

    private Position key(String entity, List<String> path, FieldModel field, String key) {
        List<String> keys = new ArrayList<>(List.of("entities", entity));
        for (String part : append(path, field.name())) {
            keys.add("fields");
            keys.add(part);
        }
        keys.add(key);
        return at(keys.toArray(String[]::new));
    }

    private Position fieldPosition(String entity, List<String> path, FieldModel field) {
        return path.isEmpty() ? field.position() : key(entity, path, field, "type");
    }

    private Position fieldsKey(String entity, List<String> path) {
        List<String> keys = new ArrayList<>(List.of("entities", entity));
        for (String part : path) {
            keys.add("fields");
            keys.add(part);
        }
        keys.add("fields");
        return at(keys.toArray(String[]::new));
    }

    private static String top(List<String> path, FieldModel field) {
        return path.isEmpty() ? field.name() : path.get(0);
    }

    private static String label(List<String> path, String name) {
        return path.isEmpty() ? name : String.join(".", append(path, name));
    }

    private static List<String> append(List<String> path, String name) {
        List<String> out = new ArrayList<>(path);
        out.add(name);
        return List.copyOf(out);
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(name.apply(i), i));
        return out;
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static <T> String names(java.util.Collection<T> items, Function<T, String> name) {
        return String.join(", ", items.stream().map(name).toList());
    }
}
