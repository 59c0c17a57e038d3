package dev.instacrud.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between the schema an organisation's documents were written under and the service's, as far as
 * stored documents are concerned, and what each change needs:
 *
 * <ul>
 *   <li>nothing: a new entity, a new optional field, a relaxed constraint, an added enum value, a widened type
 *       ({@code string} to {@code text} and back, {@code email}/{@code url}/{@code uuid}/{@code enum} to a text type,
 *       {@code int} to {@code long}), a field made optional, a new or changed {@code default}, {@code onDelete}, a
 *       field made secret;
 *   <li>a backfill the runtime does on its own: a new field with a {@code default}, or a field made required that
 *       has one (the default goes where the value is missing);
 *   <li>a migration of the user's ({@link Migration}): a new required field without a default, a removed field,
 *       a narrowed constraint, a removed enum value, a changed type or ref target, a field made unique or no longer
 *       secret, a removed entity, a changed collection or scope.
 * </ul>
 *
 * The generator's {@code instacrud diff} classifies spec changes the same way for data (a test holds the two to the
 * same answers), and adds what they mean for API clients.
 */
final class SchemaChanges {
    private SchemaChanges() {}

    /** What a change needs. */
    enum Need {
        /** A migration of the user's for its entity and field. */
        MIGRATION,
        /** The runtime puts the field's default where the value is missing. */
        BACKFILL
    }

    /**
     * One change that stored documents must follow.
     *
     * @param entity the entity, by name (for a removed entity, its old name)
     * @param field the top-level field concerned, or null for the entity as a whole
     * @param path for a backfill, where the default goes (e.g. {@code [address, city]}); else empty
     * @param fill for a backfill, the schema of the field it fills (its {@code type} and {@code default})
     * @param need what it needs
     * @param what what changed, for messages
     * @param removal whether something stored is no longer in the spec (which an older spec reads past)
     */
    record Change(
            String entity, String field, List<String> path, JsonNode fill, Need need, String what, boolean removal) {
        String subject() {
            return field == null ? entity : entity + "." + field;
        }
    }

    private static final Set<Set<String>> SAME_STORAGE = Set.of(Set.of("string", "text"));
    private static final Set<String> TEXT = Set.of("string", "text");
    private static final Set<String> NARROW_TEXT = Set.of("email", "url", "uuid", "enum");

    /** The changes from {@code stored} to {@code current} that stored documents must follow. */
    static List<Change> between(DataSchema stored, DataSchema current) {
        List<Change> changes = new ArrayList<>();
        Map<String, JsonNode> before = stored.entities();
        Map<String, JsonNode> after = current.entities();
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
            String name = e.getKey();
            JsonNode old = e.getValue();
            JsonNode now = after.get(name);
            if (now == null) {
                changes.add(migration(
                        name,
                        null,
                        "the entity was removed (its collection " + DataSchema.collection(old) + " holds documents)"));
                continue;
            }
            if (!DataSchema.collection(old).equals(DataSchema.collection(now))) {
                changes.add(migration(
                        name,
                        null,
                        "its collection changed from " + DataSchema.collection(old) + " to "
                                + DataSchema.collection(now)));
            }
            if (!old.path("scope").asText("org").equals(now.path("scope").asText("org"))) {
                changes.add(migration(
                        name,
                        null,
                        "its scope changed from " + old.path("scope").asText("org") + " to "
                                + now.path("scope").asText("org")));
            }
            fields(name, null, List.of(), DataSchema.fields(old), DataSchema.fields(now), changes);
        }
        return changes;
    }

    private static void fields(
            String entity,
            String top,
            List<String> prefix,
            Map<String, JsonNode> old,
            Map<String, JsonNode> now,
            List<Change> changes) {
        Set<String> names = new java.util.TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            String owner = top == null ? name : top;
            List<String> path = append(prefix, name);
            String label = String.join(".", path);
            JsonNode before = old.get(name);
            JsonNode after = now.get(name);
            if (after == null) {
                changes.add(new Change(entity, owner, List.of(), null, Need.MIGRATION, label + " was removed", true));
            } else if (before == null) {
                if (after.has("default")) {
                    changes.add(new Change(
                            entity, owner, path, after, Need.BACKFILL, label + " is new, with a default", false));
                } else if (required(after)) {
                    changes.add(migration(entity, owner, label + " is new and required, without a default"));
                }
            } else {
                field(entity, owner, path, label, before, after, changes);
            }
        }
    }

    private static void field(
            String entity,
            String owner,
            List<String> path,
            String label,
            JsonNode before,
            JsonNode after,
            List<Change> changes) {
        String oldType = valueType(before);
        String newType = valueType(after);
        boolean wasList = before.path("type").asText().equals("list");
        if (wasList != after.path("type").asText().equals("list") || !compatible(oldType, newType)) {
            changes.add(migration(
                    entity, owner, label + " changed type from " + describe(before) + " to " + describe(after)));
            return; // the rest compares values of different kinds
        }
        if (!Objects.equals(before.path("to").asText(null), after.path("to").asText(null))) {
            changes.add(migration(
                    entity, owner, label + " now refers to " + after.path("to").asText()));
        }
        if (!required(before) && required(after)) {
            if (after.has("default")) {
                changes.add(new Change(
                        entity, owner, path, after, Need.BACKFILL, label + " is now required, with a default", false));
            } else {
                changes.add(migration(entity, owner, label + " is now required, without a default"));
            }
        }
        Set<String> removedValues = new HashSet<>();
        after.path("values").forEach(v -> removedValues.add(v.asText()));
        Set<String> oldValues = new HashSet<>();
        before.path("values").forEach(v -> oldValues.add(v.asText()));
        oldValues.removeAll(removedValues);
        if (!oldValues.isEmpty() && after.has("values")) {
            changes.add(migration(entity, owner, label + " lost the values " + new java.util.TreeSet<>(oldValues)));
        }
        if (flag(before, "secret") && !flag(after, "secret")) {
            changes.add(migration(entity, owner, label + " is no longer secret: its stored values would be shown"));
        }
        if (!flag(before, "unique") && flag(after, "unique")) {
            changes.add(migration(entity, owner, label + " is now unique"));
        }
        for (String narrowed : narrowed(before, after)) {
            changes.add(migration(entity, owner, label + " has a narrower " + narrowed));
        }
        if ("object".equals(newType)) {
            fields(entity, owner, path, DataSchema.fields(before), DataSchema.fields(after), changes);
        }
    }

    /** The constraints {@code after} narrows, by name. */
    static List<String> narrowed(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        for (String lower : List.of("minLength", "minimum", "exclusiveMinimum", "minItems")) {
            if (tighter(before.get(lower), after.get(lower), 1)) {
                out.add(lower);
            }
        }
        for (String upper : List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems")) {
            if (tighter(before.get(upper), after.get(upper), -1)) {
                out.add(upper);
            }
        }
        if (after.has("pattern") && !after.get("pattern").equals(before.get("pattern"))) {
            out.add("pattern");
        }
        if (flag(after, "uniqueItems") && !flag(before, "uniqueItems")) {
            out.add("uniqueItems");
        }
        return out;
    }

    // sign 1: a lower bound, tighter when higher; -1: an upper bound, tighter when lower. A new bound is tighter.
    private static boolean tighter(JsonNode before, JsonNode after, int sign) {
        if (after == null) {
            return false;
        }
        if (before == null) {
            return true;
        }
        return new BigDecimal(after.asText()).compareTo(new BigDecimal(before.asText())) * sign > 0;
    }

    // stored the same way, and every old value is a value of the new type
    private static boolean compatible(String oldType, String newType) {
        return oldType.equals(newType)
                || SAME_STORAGE.contains(Set.of(oldType, newType))
                || (NARROW_TEXT.contains(oldType) && TEXT.contains(newType))
                || (oldType.equals("int") && newType.equals("long"));
    }

    private static String valueType(JsonNode field) {
        return field.path("type").asText().equals("list")
                ? field.path("of").asText()
                : field.path("type").asText();
    }

    private static String describe(JsonNode field) {
        return field.path("type").asText().equals("list")
                ? "list of " + field.path("of").asText()
                : field.path("type").asText();
    }

    static boolean required(JsonNode field) {
        return flag(field, "required");
    }

    private static boolean flag(JsonNode field, String key) {
        return field.path(key).asBoolean(false);
    }

    private static Change migration(String entity, String field, String what) {
        return new Change(entity, field, List.of(), null, Need.MIGRATION, what, false);
    }

    private static List<String> append(List<String> prefix, String name) {
        List<String> out = new ArrayList<>(prefix);
        out.add(name);
        return List.copyOf(out);
    }
}
