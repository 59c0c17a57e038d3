package dev.instacrud.generator.spec;

import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.BOOLEAN;
import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.COUNT;
import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.MAP;
import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.NAMES;
import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.NUMBER;
import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.SCALAR;
import static dev.instacrud.generator.spec.SpecLanguage.ValueKind.TEXT;

import dev.instacrud.generator.model.EmailVerification;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.OnDelete;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.Scope;
import dev.instacrud.generator.model.SpecName;
import dev.instacrud.generator.model.Tenancy;
import dev.instacrud.generator.model.WriteRole;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The spec language in one table: every key of {@code instacrud.yaml}, by section and in documentation order, with
 * the kind of value it holds, the field types it applies to, when it must be present and the values it allows (their
 * spellings come from the model's enums, see {@link SpecName}). The model builder, the checker's rules, the JSON
 * Schema sync test and the docs sync test all read this table, so a key added here is known to all of them at once
 * (and the sync tests fail until the schema and the spec reference name it).
 *
 * <p>To add a key: add a constant to its section's enum below (where it sits is where the docs list it), read it in
 * {@link ModelBuilder}, and describe it in the JSON Schema and the spec reference. The rules that only need the table
 * (unknown key, value kind, missing key, constraint type, unknown value) know it from then on.
 */
public final class SpecLanguage {

    /** Field names the runtime owns and sets itself: no entity may declare them. */
    public static final List<String> RESERVED_FIELDS =
            List.of("id", "createdAt", "createdBy", "updatedAt", "updatedBy", "userId", "orgId");

    /**
     * First path segments under {@code /api/v1} that the runtime serves itself (accounts, the user's own account,
     * members, the audit log, the organisation database, the web admin's model): no entity may be served there.
     */
    public static final List<String> RESERVED_PATHS = List.of("auth", "me", "users", "audit", "admin", "ui");

    private SpecLanguage() {}

    /** The kind of value a key holds. */
    public enum ValueKind {
        /** A map of settings. */
        MAP,
        /** A list of names, like {@code [a, b]}. */
        NAMES,
        /** Text. */
        TEXT,
        /** true or false. */
        BOOLEAN,
        /** A whole number from 0. */
        COUNT,
        /** Any number. */
        NUMBER,
        /** Any single value (a default). */
        SCALAR
    }

    /** The maps of settings a spec is made of: each holds the keys of its own enum below. */
    public enum Section {
        /** The top of the file. */
        TOP,
        /** {@code service}. */
        SERVICE,
        /** {@code auth}. */
        AUTH,
        /** One entity under {@code entities}. */
        ENTITY,
        /** One field under {@code fields}, of an entity or of an embedded object. */
        FIELD;

        /** The keys of this section, in documentation order. */
        public List<Key> keys() {
            Key[] keys = switch (this) {
                case TOP -> Top.values();
                case SERVICE -> Service.values();
                case AUTH -> Auth.values();
                case ENTITY -> Entity.values();
                case FIELD -> Field.values();
            };
            return List.of(keys);
        }

        /** The key of this section that the spec spells {@code spelling}, if any. */
        public Optional<Key> key(String spelling) {
            return keys().stream().filter(k -> k.spelling().equals(spelling)).findFirst();
        }

        /** The spellings of this section's keys, in documentation order. */
        public List<String> spellings() {
            return keys().stream().map(Key::spelling).toList();
        }
    }

    /** One key of the language; each section's enum implements it from a {@link Definition}. */
    public interface Key {

        /** The section whose maps hold this key. */
        Section section();

        /** What the table says about this key. */
        Definition definition();

        /** How the spec spells the key. */
        default String spelling() {
            return definition().spelling();
        }

        /** The kind of value it holds. */
        default ValueKind kind() {
            return definition().kind();
        }

        /** The field types it applies to; every type for keys outside {@link Section#FIELD}. */
        default FieldTypes appliesTo() {
            return definition().appliesTo();
        }

        /** When the key must be present, if ever. */
        default Optional<Required> required() {
            return definition().required();
        }

        /** The values it allows (each item's, for a list of names), when it is not free. */
        default Optional<Choice> choice() {
            return definition().choice();
        }
    }

    /**
     * One row of the table.
     *
     * @param spelling  the key as the spec writes it
     * @param kind      the kind of value it holds
     * @param appliesTo the field types it applies to
     * @param required  when it must be present; empty when it is optional
     * @param choice    the values it allows; empty when any value of its kind will do
     */
    public record Definition(
            String spelling,
            ValueKind kind,
            FieldTypes appliesTo,
            Optional<Required> required,
            Optional<Choice> choice) {

        static Definition key(String spelling, ValueKind kind) {
            return new Definition(spelling, kind, FieldTypes.ALL, Optional.empty(), Optional.empty());
        }

        Definition onlyFor(FieldTypes types) {
            return new Definition(spelling, kind, types, required, choice);
        }

        /** Required wherever the section appears. */
        Definition alwaysRequired() {
            return requiredFor(FieldTypes.ALL, "");
        }

        /** Required on fields of these types; {@code what} says what the key gives them, for the message. */
        Definition requiredFor(FieldTypes types, String what) {
            return new Definition(spelling, kind, appliesTo, Optional.of(new Required(types, what)), choice);
        }

        Definition oneOf(SpecName[] values, String noun) {
            return new Definition(
                    spelling, kind, appliesTo, required, Optional.of(new Choice(SpecName.all(values), noun)));
        }
    }

    /**
     * When a key must be present.
     *
     * @param when the field types that need it ({@link FieldTypes#ALL} outside the field section)
     * @param what what the key gives those fields, for the message ("the entity it refers to"); empty when the key is
     *     always required
     */
    public record Required(FieldTypes when, String what) {}

    /**
     * The values a key allows.
     *
     * @param spellings the values, in documentation order
     * @param noun      what one value is called in messages ("oauth provider", "role")
     */
    public record Choice(List<String> spellings, String noun) {
        /** Copies the list so the record stays immutable. */
        public Choice {
            spellings = List.copyOf(spellings);
        }
    }

    /**
     * A set of field types, tested either against a field's own type ({@code of} applies to a list) or against the
     * type of each of its values, which is a list's item type ({@code maxLength} applies to a string and to a list of
     * strings).
     *
     * @param eachValue whether the set is about each value rather than the field's own type
     * @param types     the types
     */
    public record FieldTypes(boolean eachValue, Set<FieldType> types) {

        /** Every type. */
        public static final FieldTypes ALL = new FieldTypes(false, EnumSet.allOf(FieldType.class));

        /** Copies the set so the record stays immutable. */
        public FieldTypes {
            types = Set.copyOf(types);
        }

        /** These types, as the field's own type. */
        public static FieldTypes own(Set<FieldType> types) {
            return new FieldTypes(false, types);
        }

        /** These types, as the type of each value (a single value, or each item of a list). */
        public static FieldTypes eachValue(Set<FieldType> types) {
            return new FieldTypes(true, types);
        }

        /**
         * Whether a field with this type and value type is among these types; empty when that depends on a type the
         * spec leaves unknown (a missing or misspelt {@code type}, or a list's {@code of}).
         */
        public Optional<Boolean> contain(Optional<FieldType> type, Optional<FieldType> valueType) {
            if (equals(ALL)) {
                return Optional.of(true);
            }
            return (eachValue ? valueType : type).map(types::contains);
        }
    }

    /** Keys at the top of the file. */
    public enum Top implements Key {
        /** The service's name and package. */
        SERVICE(Definition.key("service", MAP).alwaysRequired()),
        /** Registration, sign-in providers and Turnstile. */
        AUTH(Definition.key("auth", MAP)),
        /** How organisations' data is kept apart. */
        TENANCY(Definition.key("tenancy", TEXT).oneOf(Tenancy.values(), "tenancy")),
        /** Whether the service serves its web admin and API docs. */
        ADMIN(Definition.key("admin", BOOLEAN)),
        /** The entities, by name. */
        ENTITIES(Definition.key("entities", MAP).alwaysRequired());

        private final Definition definition;

        Top(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Section section() {
            return Section.TOP;
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    /** Keys of {@code service}. */
    public enum Service implements Key {
        /** The service name. */
        NAME(Definition.key("name", TEXT).alwaysRequired()),
        /** The Java package of the generated code. */
        PACKAGE(Definition.key("package", TEXT).alwaysRequired()),
        /** Free text for the docs. */
        DESCRIPTION(Definition.key("description", TEXT));

        private final Definition definition;

        Service(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Section section() {
            return Section.SERVICE;
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    /** Keys of {@code auth}. */
    public enum Auth implements Key {
        /** Who may sign up. */
        REGISTRATION(Definition.key("registration", TEXT).oneOf(Registration.values(), "registration")),
        /** Sign-in providers besides passwords. */
        OAUTH(Definition.key("oauth", NAMES).oneOf(OAuthProvider.values(), "oauth provider")),
        /** Whether sign-up and sign-in need a Turnstile token. */
        TURNSTILE(Definition.key("turnstile", BOOLEAN)),
        /** Whether an account must prove its email before it may sign in. */
        EMAIL_VERIFICATION(
                Definition.key("emailVerification", TEXT).oneOf(EmailVerification.values(), "email verification"));

        private final Definition definition;

        Auth(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Section section() {
            return Section.AUTH;
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    /** Keys of an entity. */
    public enum Entity implements Key {
        /** Who sees its documents. */
        SCOPE(Definition.key("scope", TEXT).oneOf(Scope.values(), "scope")),
        /** Its URL path segment. */
        PATH(Definition.key("path", TEXT)),
        /** The roles that may create, update and delete. */
        WRITE(Definition.key("write", NAMES).oneOf(WriteRole.values(), "role")),
        /** The field that labels its documents in the web admin. */
        DISPLAY(Definition.key("display", TEXT)),
        /** Free text for the docs. */
        DESCRIPTION(Definition.key("description", TEXT)),
        /** Its fields, by name. */
        FIELDS(Definition.key("fields", MAP).alwaysRequired());

        private final Definition definition;

        Entity(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Section section() {
            return Section.ENTITY;
        }

        @Override
        public Definition definition() {
            return definition;
        }
    }

    /** Keys of a field. */
    public enum Field implements Key {
        /** The field's type. */
        TYPE(Definition.key("type", TEXT).alwaysRequired()),
        /** The entity a ref (or a list of refs) points at. */
        TO(Definition.key("to", TEXT)
                .onlyFor(eachValue(FieldType.REF))
                .requiredFor(eachValue(FieldType.REF), "the entity it refers to")),
        /** The item type of a list. */
        OF(Definition.key("of", TEXT)
                .onlyFor(own(FieldType.LIST))
                .requiredFor(own(FieldType.LIST), "the item type of the list")),
        /** The values of an enum (or a list of enums). */
        VALUES(Definition.key("values", NAMES)
                .onlyFor(eachValue(FieldType.ENUM))
                .requiredFor(eachValue(FieldType.ENUM), "the allowed values")),
        /** The fields of an embedded object (or a list of them). */
        FIELDS(Definition.key("fields", MAP)
                .onlyFor(eachValue(FieldType.OBJECT))
                .requiredFor(eachValue(FieldType.OBJECT), "the fields of the object")),
        /** Whether a value must be present. */
        REQUIRED(Definition.key("required", BOOLEAN)),
        /** The value used when none is given. */
        DEFAULT(Definition.key("default", SCALAR).onlyFor(FieldTypes.own(FieldType.where(FieldType::isScalar)))),
        /** Least number of characters. */
        MIN_LENGTH(Definition.key("minLength", COUNT).onlyFor(textValues())),
        /** Most number of characters. */
        MAX_LENGTH(Definition.key("maxLength", COUNT).onlyFor(textValues())),
        /** A regex each value must contain a match of. */
        PATTERN(Definition.key("pattern", TEXT).onlyFor(textValues())),
        /** Inclusive lower bound. */
        MINIMUM(Definition.key("minimum", NUMBER).onlyFor(numberValues())),
        /** Inclusive upper bound. */
        MAXIMUM(Definition.key("maximum", NUMBER).onlyFor(numberValues())),
        /** Exclusive lower bound. */
        EXCLUSIVE_MINIMUM(Definition.key("exclusiveMinimum", NUMBER).onlyFor(numberValues())),
        /** Exclusive upper bound. */
        EXCLUSIVE_MAXIMUM(Definition.key("exclusiveMaximum", NUMBER).onlyFor(numberValues())),
        /** Least number of items. */
        MIN_ITEMS(Definition.key("minItems", COUNT).onlyFor(own(FieldType.LIST))),
        /** Most number of items. */
        MAX_ITEMS(Definition.key("maxItems", COUNT).onlyFor(own(FieldType.LIST))),
        /** Whether list items must be distinct. */
        UNIQUE_ITEMS(Definition.key("uniqueItems", BOOLEAN).onlyFor(own(FieldType.LIST))),
        /** Whether no two documents may share the value. */
        UNIQUE(Definition.key("unique", BOOLEAN)
                .onlyFor(FieldTypes.own(
                        FieldType.where(t -> (t.isScalar() && t != FieldType.BOOLEAN) || t == FieldType.REF)))),
        /** Whether a list's {@code q} searches it (top-level text fields, not secret). */
        SEARCHABLE(Definition.key("searchable", BOOLEAN).onlyFor(FieldTypes.own(FieldType.where(FieldType::isText)))),
        /** Write-only (where it makes sense is {@code SecretRule}'s to say). */
        SECRET(Definition.key("secret", BOOLEAN)),
        /** What deleting a ref's target does. */
        ON_DELETE(Definition.key("onDelete", TEXT)
                .onlyFor(eachValue(FieldType.REF))
                .oneOf(OnDelete.values(), "onDelete")),
        /** Free text for the docs. */
        DESCRIPTION(Definition.key("description", TEXT));

        private final Definition definition;

        Field(Definition definition) {
            this.definition = definition;
        }

        @Override
        public Section section() {
            return Section.FIELD;
        }

        @Override
        public Definition definition() {
            return definition;
        }

        private static FieldTypes own(FieldType type) {
            return FieldTypes.own(Set.of(type));
        }

        private static FieldTypes eachValue(FieldType type) {
            return FieldTypes.eachValue(Set.of(type));
        }

        private static FieldTypes textValues() {
            return FieldTypes.eachValue(FieldType.where(FieldType::isText));
        }

        private static FieldTypes numberValues() {
            return FieldTypes.eachValue(FieldType.where(FieldType::isNumber));
        }
    }

    /** Every key of every section, in documentation order. */
    public static List<Key> keys() {
        return Arrays.stream(Section.values()).flatMap(s -> s.keys().stream()).toList();
    }
}
