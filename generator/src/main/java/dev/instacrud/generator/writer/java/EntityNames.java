package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Java names of one entity's generated types, and the nested type of every enum and object field,
 * worked out once so every writer names things the same way.
 *
 * <p>An enum or embedded object field gets a type nested in the record that holds the field ({@code
 * Patient.Address}, {@code Patient.Contact.Kind}); list fields take the singular ({@code contacts} gives
 * {@code Contact}). Names never clash with an enclosing type, a sibling, or a type the code imports.
 */
final class EntityNames {
    // Simple names the generated files import; a nested type of the same name would shadow them.
    private static final Set<String> IMPORTED = Set.of(
            "List",
            "Map",
            "Set",
            "String",
            "Integer",
            "Long",
            "Double",
            "Boolean",
            "Object",
            "Override",
            "Instant",
            "LocalDate",
            "BigDecimal",
            "Pattern",
            "Document",
            "JsonNode",
            "ObjectNode",
            "Generated",
            "Violations",
            "JsonInput",
            "JsonValues",
            "BsonValues",
            "BsonEnums",
            "ApiRequest",
            "ApiResponse",
            "EntityHooks",
            "Objects",
            "Role",
            "Page",
            "Deprecated",
            "Record",
            "Enum",
            "Class",
            "System",
            "Math",
            "Number",
            "Void",
            "Exception");

    private final EntityModel entity;
    private final String javaPackage;
    private final Map<FieldModel, ClassName> nested = new IdentityHashMap<>();

    EntityNames(String javaPackage, EntityModel entity) {
        this.javaPackage = javaPackage;
        this.entity = entity;
        nameNested(record(), entity.fields());
    }

    EntityModel entity() {
        return entity;
    }

    /** The record a client reads: {@code Patient}. */
    ClassName record() {
        return ClassName.get(javaPackage, entity.name());
    }

    /** The validated record a client writes: {@code PatientInput}. */
    ClassName input() {
        return ClassName.get(javaPackage, entity.name() + "Input");
    }

    ClassName mapping() {
        return ClassName.get(javaPackage, entity.name() + "Mapping");
    }

    ClassName repository() {
        return ClassName.get(javaPackage, entity.name() + "Repository");
    }

    ClassName routes() {
        return ClassName.get(javaPackage, entity.name() + "Routes");
    }

    ClassName hooks() {
        return ClassName.get(javaPackage, entity.name() + "Hooks");
    }

    /** The nested enum or record of an enum or object field (or list of them). */
    ClassName nestedType(FieldModel field) {
        ClassName name = nested.get(field);
        if (name == null) {
            throw new IllegalArgumentException("no nested type for field " + field.name());
        }
        return name;
    }

    /** The Java type of one value of the field (the item type of a list). */
    TypeName valueType(FieldModel field) {
        return switch (field.valueType()) {
            case STRING, TEXT, EMAIL, URL, UUID, REF -> ClassName.get(String.class);
            case INT -> ClassName.get(Integer.class);
            case LONG -> ClassName.get(Long.class);
            case DOUBLE -> ClassName.get(Double.class);
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case BOOLEAN -> ClassName.get(Boolean.class);
            case DATE -> ClassName.get(LocalDate.class);
            case DATETIME -> ClassName.get(Instant.class);
            case ENUM, OBJECT -> nestedType(field);
            case LIST -> throw new IllegalStateException("a list of lists cannot pass the checker");
        };
    }

    /** The Java type of the field: a value, or a {@code List} of values. */
    TypeName type(FieldModel field) {
        TypeName value = valueType(field);
        return field.type() == FieldType.LIST ? ParameterizedTypeName.get(ClassName.get(List.class), value) : value;
    }

    private void nameNested(ClassName owner, List<FieldModel> fields) {
        NameAllocator names = new NameAllocator();
        for (ClassName enclosing = owner; enclosing != null; enclosing = enclosing.enclosingClassName()) {
            names.newName(enclosing.simpleName(), enclosing);
        }
        for (String imported : IMPORTED) {
            names.newName(imported, "import " + imported);
        }
        for (FieldModel field : fields) {
            FieldType kind = field.valueType();
            if (kind != FieldType.ENUM && kind != FieldType.OBJECT) {
                continue;
            }
            String base = pascal(field.type() == FieldType.LIST ? singular(field.name()) : field.name());
            ClassName type = owner.nestedClass(names.newName(base, field));
            nested.put(field, type);
            if (kind == FieldType.OBJECT) {
                nameNested(type, field.fields());
            }
        }
    }

    /** A local variable name for generated code that no field of {@code fields} uses. */
    static String local(String preferred, List<FieldModel> fields) {
        String name = preferred;
        while (taken(name, fields)) {
            name = name + "_";
        }
        return name;
    }

    private static boolean taken(String name, List<FieldModel> fields) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }

    static String pascal(String camel) {
        return camel.substring(0, 1).toUpperCase(Locale.ROOT) + camel.substring(1);
    }

    /** A plain English singular, good enough for type names: contacts, allergies, addresses. */
    static String singular(String plural) {
        if (plural.endsWith("ies") && plural.length() > 4) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        if (plural.matches(".*(ss|sh|ch|x|z)es") && plural.length() > 4) {
            return plural.substring(0, plural.length() - 2);
        }
        if (plural.endsWith("s") && !plural.endsWith("ss") && plural.length() > 3) {
            return plural.substring(0, plural.length() - 1);
        }
        return plural + "Item";
    }
}
