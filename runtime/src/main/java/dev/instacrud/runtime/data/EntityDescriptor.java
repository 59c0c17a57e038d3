package dev.instacrud.runtime.data;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.query.FieldKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the data layer knows of one entity, built once by generated code as a static constant:
 *
 * <pre>{@code
 * static final EntityDescriptor TASK = EntityDescriptor.builder("Task", "tasks", Scope.USER)
 *     .field("title", FieldKind.PLAIN)
 *     .field("dueAt", FieldKind.DATE)
 *     .field("apiKey", FieldKind.SECRET)
 *     .ref("projectId", "Project", OnDelete.CASCADE)
 *     .refList("tagIds", "Tag", OnDelete.SET_NULL)
 *     .unique("title")
 *     .build();
 * }</pre>
 *
 * Declared fields are the only ones a client may filter or sort on ({@code SECRET} ones never); ref
 * fields are declared by {@link Builder#ref}/{@link Builder#refList}. The audit fields ({@code createdAt},
 * {@code updatedAt} as dates, {@code createdBy}, {@code updatedBy}) and, for user-scoped entities,
 * {@code userId}, are added automatically and are written only by the runtime. Immutable.
 */
@GeneratedCodeApi
public final class EntityDescriptor {
    /** Reserved field names: written by the runtime only, ignored in client bodies. */
    public static final Set<String> RESERVED =
            Set.of("_id", "id", "userId", "createdAt", "createdBy", "updatedAt", "updatedBy", UniqueOwners.FIELD);

    /** Who may see a document. */
    public enum Scope {
        /** Every member of the organisation. */
        ORG,
        /** Only the user who created it (stamped as {@code userId}). */
        USER
    }

    /** What deleting a referenced document does to the documents that reference it. */
    public enum OnDelete {
        /** Refuse the delete with a 409 naming the referencing collection. */
        RESTRICT,
        /** Delete the referencing documents too (following their own refs' rules). */
        CASCADE,
        /** Empty a single ref (the field is removed, and reads as null), or remove the id from a ref list. */
        SET_NULL
    }

    /**
     * A reference from a field of this entity to another entity.
     *
     * @param field the field holding the ObjectId (or list of ObjectIds)
     * @param target the referenced entity's name
     * @param many whether the field is a list of refs
     * @param onDelete what deleting the target does here
     */
    public record Ref(String field, String target, boolean many, OnDelete onDelete) {
        public Ref {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(onDelete, "onDelete");
        }
    }

    private final String name;
    private final String collection;
    private final Scope scope;
    private final Map<String, FieldKind> fields;
    private final List<Ref> refs;
    private final Set<String> uniqueFields;
    private final List<String> searchableFields;

    private EntityDescriptor(Builder b) {
        this.name = b.name;
        this.collection = b.collection;
        this.scope = b.scope;
        Map<String, FieldKind> all = new LinkedHashMap<>(b.fields);
        all.put("createdAt", FieldKind.DATE);
        all.put("updatedAt", FieldKind.DATE);
        all.put("createdBy", FieldKind.PLAIN);
        all.put("updatedBy", FieldKind.PLAIN);
        if (scope == Scope.USER) {
            all.put("userId", FieldKind.PLAIN); // harmless: every query is wrapped with the caller's userId
        }
        this.fields = java.util.Collections.unmodifiableMap(all);
        this.refs = List.copyOf(b.refs);
        this.uniqueFields = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.unique));
        this.searchableFields = List.copyOf(b.searchable);
    }

    /** Starts a descriptor. */
    public static Builder builder(String name, String collection, Scope scope) {
        return new Builder(name, collection, scope);
    }

    /** The entity's name, as refs name it. */
    public String name() {
        return name;
    }

    /** The MongoDB collection, in each organisation's database. */
    public String collection() {
        return collection;
    }

    /** Who may see a document. */
    public Scope scope() {
        return scope;
    }

    /** Filterable/sortable fields and their kinds, audit fields included. */
    public Map<String, FieldKind> fields() {
        return fields;
    }

    /** The entity's refs. */
    public List<Ref> refs() {
        return refs;
    }

    /**
     * Fields with a unique index: unique in the organisation, or for a user-scoped entity among each user's own
     * documents. Missing values do not collide.
     */
    public Set<String> uniqueFields() {
        return uniqueFields;
    }

    /** The text fields a list's {@code q} searches, in declaration order; empty when it has none. */
    public List<String> searchableFields() {
        return searchableFields;
    }

    @Override
    public String toString() {
        return "EntityDescriptor[" + name + "]";
    }

    /** Collects the declaration; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private final String collection;
        private final Scope scope;
        private final Map<String, FieldKind> fields = new LinkedHashMap<>();
        private final List<Ref> refs = new ArrayList<>();
        private final List<String> unique = new ArrayList<>();
        private final List<String> searchable = new ArrayList<>();

        private Builder(String name, String collection, Scope scope) {
            this.name = requireName(name, "entity name");
            this.collection = requireName(collection, "collection");
            this.scope = Objects.requireNonNull(scope, "scope");
        }

        /** Declares a field (dotted for a field of an embedded document, e.g. {@code address.city}). */
        public Builder field(String field, FieldKind kind) {
            if (RESERVED.contains(field) || field.isEmpty() || field.startsWith("$") || field.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("field name not allowed: " + field);
            }
            if (fields.putIfAbsent(field, Objects.requireNonNull(kind, "kind")) != null) {
                throw new IllegalArgumentException("field declared twice: " + field);
            }
            return this;
        }

        /** Declares a single ref field. */
        public Builder ref(String field, String target, OnDelete onDelete) {
            field(field, FieldKind.OBJECT_ID);
            refs.add(new Ref(field, target, false, onDelete));
            return this;
        }

        /** Declares a field holding a list of refs. */
        public Builder refList(String field, String target, OnDelete onDelete) {
            field(field, FieldKind.OBJECT_ID_LIST);
            refs.add(new Ref(field, target, true, onDelete));
            return this;
        }

        /** Gives a declared, non-secret, top-level field a unique index. */
        public Builder unique(String field) {
            FieldKind kind = fields.get(field);
            if (kind == null || kind == FieldKind.SECRET || field.contains(".")) {
                throw new IllegalArgumentException("unique field must be a declared top-level field: " + field);
            }
            unique.add(field);
            return this;
        }

        /**
         * Lets a list's {@code q} search a declared, non-secret, top-level text field (case-insensitive, anywhere in
         * the value); it gets an index.
         */
        public Builder searchable(String field) {
            FieldKind kind = fields.get(field);
            if (kind != FieldKind.PLAIN || field.contains(".") || searchable.contains(field)) {
                throw new IllegalArgumentException(
                        "a searchable field must be a declared top-level text field: " + field);
            }
            searchable.add(field);
            return this;
        }

        /** The immutable descriptor. */
        public EntityDescriptor build() {
            return new EntityDescriptor(this);
        }

        private static String requireName(String value, String what) {
            if (value == null || !value.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                throw new IllegalArgumentException(what + " must be a plain identifier: " + value);
            }
            return value;
        }
    }
}
