package dev.instacrud.generator.writer.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.generator.model.Constraints;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.ServiceModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Example request bodies that pass the spec's rules, for the curl examples of a generated project's README:
 * every required field with a value that fits its constraints; a ref is a shell variable holding the id of
 * an example created before it, so {@link #creationOrder} puts every entity after those it needs.
 */
final class Examples {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Tried in turn against a string's length and pattern; the first that fits is used.
    private static final List<String> TEXT_CANDIDATES = List.of(
            "Example",
            "Ada Lovelace",
            "example",
            "example-1",
            "EX1234",
            "DE123456789",
            "+41 44 123 45 67",
            "12345",
            "a",
            "A1",
            "x");

    /** The value of a text field when none fitting its pattern and lengths could be derived. */
    static final String CHANGE_ME = "CHANGE-ME";

    private Examples() {}

    /**
     * The required text fields of an entity's example whose value could not be derived (and so is {@link
     * #CHANGE_ME}), as {@code field (pattern ...)} for the README to ask the reader to edit; empty for most specs.
     */
    static List<String> toEdit(EntityModel entity) {
        List<String> out = new ArrayList<>();
        toEdit("", entity.fields(), out);
        return out;
    }

    private static void toEdit(String prefix, List<FieldModel> fields, List<String> out) {
        for (FieldModel field : fields) {
            if (!field.required()) {
                continue;
            }
            FieldType type = field.valueType();
            if ((type == FieldType.STRING || type == FieldType.TEXT)
                    && field.defaultValue().isEmpty()
                    && text(field.constraints()).equals(CHANGE_ME)) {
                out.add(prefix
                        + field.name()
                        + field.constraints()
                                .pattern()
                                .map(p -> " (pattern " + p + ")")
                                .orElse(""));
            } else if (type == FieldType.OBJECT) {
                toEdit(prefix + field.name() + ".", field.fields(), out);
            }
        }
    }

    /** The shell variable that holds the id of an entity's example: {@code Ward} gives {@code WARD_ID}. */
    static String idVariable(String entity) {
        return entity.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT) + "_ID";
    }

    /** Entities ordered so that each comes after the targets of its required refs (the checker refused cycles). */
    static List<EntityModel> creationOrder(ServiceModel service) {
        Set<EntityModel> ordered = new LinkedHashSet<>();
        for (EntityModel entity : service.entities()) {
            visit(service, entity, ordered, new LinkedHashSet<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(ServiceModel service, EntityModel entity, Set<EntityModel> done, Set<EntityModel> path) {
        if (done.contains(entity) || !path.add(entity)) {
            return;
        }
        for (FieldModel field : entity.fields()) {
            if (field.required() && field.isRef()) {
                service.entity(field.refTarget().orElseThrow()).ifPresent(target -> visit(service, target, done, path));
            }
        }
        done.add(entity);
    }

    /**
     * An example body: required fields only. Ref values are {@code $VAR} placeholders written as the JSON
     * string {@code "$WARD_ID"}, for the shell to fill in inside double quotes.
     */
    static ObjectNode body(EntityModel entity) {
        return object(entity.fields());
    }

    private static ObjectNode object(List<FieldModel> fields) {
        ObjectNode body = NODES.objectNode();
        for (FieldModel field : fields) {
            if (field.required()) {
                body.set(field.name(), value(field));
            }
        }
        return body;
    }

    private static JsonNode value(FieldModel field) {
        if (field.type() == FieldType.LIST) {
            ArrayNode items = NODES.arrayNode();
            int count = Math.max(1, field.constraints().minItems().orElse(1));
            Set<String> used = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                JsonNode item = single(field);
                if (item.isTextual()
                        && count > 1
                        && !field.isRef()
                        && field.enumValues().isEmpty()) {
                    item = NODES.textNode(distinct(item.textValue(), field.constraints(), used));
                }
                items.add(item);
            }
            return items;
        }
        return single(field);
    }

    private static JsonNode single(FieldModel field) {
        if (field.defaultValue().isPresent()) {
            Object d = field.defaultValue().get();
            if (d instanceof String s) {
                return NODES.textNode(s);
            }
        }
        Constraints c = field.constraints();
        return switch (field.valueType()) {
            case STRING, TEXT -> NODES.textNode(text(c));
            case EMAIL -> NODES.textNode("ada@example.com");
            case URL -> NODES.textNode("https://example.com");
            case UUID -> NODES.textNode("123e4567-e89b-12d3-a456-426614174000");
            case INT, LONG -> NODES.numberNode(number(c, BigDecimal.ONE).toBigInteger());
            case DOUBLE, DECIMAL -> NODES.numberNode(number(c, BigDecimal.ONE));
            case BOOLEAN -> NODES.booleanNode(true);
            case DATE -> NODES.textNode("2024-05-31");
            case DATETIME -> NODES.textNode("2024-05-31T12:00:00Z");
            case ENUM -> NODES.textNode(field.enumValues().get(0));
            case REF -> NODES.textNode("$" + idVariable(field.refTarget().orElseThrow()));
            case OBJECT -> object(field.fields());
            case LIST -> throw new IllegalStateException("no lists of lists");
        };
    }

    // a value unlike the ones already used that still fits the item's lengths and pattern (uniqueItems)
    private static String distinct(String first, Constraints c, Set<String> used) {
        List<String> tries = new ArrayList<>(List.of(first));
        for (String suffix : List.of("a", "b", "c", "d", "e", "1", "2", "3", "4", "5", "-a", "-b")) {
            tries.add(first + suffix);
        }
        c.pattern().ifPresent(p -> tries.addAll(PatternExample.candidates(p, 20)));
        for (String candidate : tries) {
            if (!used.contains(candidate) && fits(candidate, c)) {
                used.add(candidate);
                return candidate;
            }
        }
        return first; // the README's walkthrough test would show it
    }

    private static boolean fits(String candidate, Constraints c) {
        int length = candidate.codePointCount(0, candidate.length());
        return c.minLength().map(n -> length >= n).orElse(true)
                && c.maxLength().map(n -> length <= n).orElse(true)
                && c.pattern()
                        .map(p -> Pattern.compile(p).matcher(candidate).find())
                        .orElse(true);
    }

    static String text(Constraints c) {
        Optional<Pattern> pattern = c.pattern().map(Pattern::compile);
        List<String> candidates = new ArrayList<>(TEXT_CANDIDATES);
        c.minLength().ifPresent(n -> candidates.add("x".repeat(n)));
        for (String candidate : candidates) {
            int length = candidate.codePointCount(0, candidate.length());
            if (c.minLength().map(n -> length >= n).orElse(true)
                    && c.maxLength().map(n -> length <= n).orElse(true)
                    && pattern.map(p -> p.matcher(candidate).find()).orElse(true)) {
                return candidate;
            }
        }
        if (c.pattern().isPresent()) {
            Optional<String> derived = PatternExample.fitting(
                    c.pattern().get(), c.minLength().orElse(0), c.maxLength().orElse(Integer.MAX_VALUE));
            if (derived.isPresent()) {
                return derived.get();
            }
        }
        return CHANGE_ME; // nothing fits: the README says which value to edit
    }

    private static BigDecimal number(Constraints c, BigDecimal preferred) {
        BigDecimal value = preferred;
        if (c.minimum().isPresent() && value.compareTo(c.minimum().get()) < 0) {
            value = c.minimum().get();
        }
        if (c.exclusiveMinimum().isPresent()
                && value.compareTo(c.exclusiveMinimum().get()) <= 0) {
            value = c.exclusiveMinimum().get().add(BigDecimal.ONE);
        }
        if (c.maximum().isPresent() && value.compareTo(c.maximum().get()) > 0) {
            value = c.maximum().get();
        }
        if (c.exclusiveMaximum().isPresent()
                && value.compareTo(c.exclusiveMaximum().get()) >= 0) {
            value = c.exclusiveMaximum().get().subtract(BigDecimal.ONE);
        }
        return value;
    }
}
