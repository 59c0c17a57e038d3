package dev.instacrud.generator.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The field types of the spec language, with the name each has in {@code instacrud.yaml}. */
public enum FieldType implements SpecName {
    /** Short text (one line). */
    STRING("string"),
    /** Long text. */
    TEXT("text"),
    /** 32-bit integer. */
    INT("int"),
    /** 64-bit integer. */
    LONG("long"),
    /** Binary floating point. */
    DOUBLE("double"),
    /** Exact decimal ({@code BigDecimal}). */
    DECIMAL("decimal"),
    /** true or false. */
    BOOLEAN("boolean"),
    /** Calendar date, ISO-8601 {@code 2024-05-31}. */
    DATE("date"),
    /** Instant, ISO-8601 {@code 2024-05-31T12:00:00Z}. */
    DATETIME("datetime"),
    /** E-mail address. */
    EMAIL("email"),
    /** Absolute http(s) URL. */
    URL("url"),
    /** UUID in its canonical text form. */
    UUID("uuid"),
    /** One of a fixed list of values. */
    ENUM("enum"),
    /** The id of another entity of the same service. */
    REF("ref"),
    /** A list of scalars, refs or embedded objects. */
    LIST("list"),
    /** An embedded object with its own fields. */
    OBJECT("object");

    private final String specName;

    FieldType(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }

    /** The type with this spec name, if any. */
    public static Optional<FieldType> fromSpecName(String name) {
        return SpecName.find(values(), name);
    }

    /** The types that pass {@code test}, e.g. {@code where(FieldType::isText)}. */
    public static Set<FieldType> where(Predicate<FieldType> test) {
        Set<FieldType> types = EnumSet.noneOf(FieldType.class);
        for (FieldType t : values()) {
            if (test.test(t)) {
                types.add(t);
            }
        }
        return types;
    }

    /** Text types: minLength, maxLength and pattern apply. */
    public boolean isText() {
        return this == STRING || this == TEXT || this == EMAIL || this == URL;
    }

    /** Number types: minimum, maximum and the exclusive bounds apply. */
    public boolean isNumber() {
        return this == INT || this == LONG || this == DOUBLE || this == DECIMAL;
    }

    /** Everything but ref, list and object: a single value that may have a default. */
    public boolean isScalar() {
        return this != REF && this != LIST && this != OBJECT;
    }
}
