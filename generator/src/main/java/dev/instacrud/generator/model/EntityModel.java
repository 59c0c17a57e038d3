package dev.instacrud.generator.model;

import java.util.List;
import java.util.Optional;

/**
 * One entity: a MongoDB collection and its REST routes.
 *
 * @param name        PascalCase name, used for Java types
 * @param scope       ORG (shared in the organisation) or USER (each user's own)
 * @param path        the URL path segment, kebab-case ({@code /api/<path>})
 * @param collection  the MongoDB collection name (the path with '-' turned to '_')
 * @param writeRoles  the roles that may create, update and delete
 * @param ifMatch     whether its writes must name the version they change
 * @param display     the field that labels a document in the admin, when the spec names one
 * @param description free text for docs
 * @param fields      the fields, in spec order (audit fields and id are not listed: the runtime adds them)
 * @param position    where the entity's name is in the spec
 */
public record EntityModel(
        String name,
        Scope scope,
        String path,
        String collection,
        List<WriteRole> writeRoles,
        IfMatch ifMatch,
        Optional<String> display,
        Optional<String> description,
        List<FieldModel> fields,
        Position position) {

    /** Copies the lists so the record stays immutable. */
    public EntityModel {
        writeRoles = List.copyOf(writeRoles);
        fields = List.copyOf(fields);
    }

    /** The URL path of its collection: {@code /api/v1/tasks}. */
    public String apiPath() {
        return "/api/v1/" + path;
    }

    /** The top-level field with this name, if any. */
    public Optional<FieldModel> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** The top-level fields that hold a ref or a list of refs. */
    public List<FieldModel> refFields() {
        return fields.stream().filter(FieldModel::isRef).toList();
    }
}
