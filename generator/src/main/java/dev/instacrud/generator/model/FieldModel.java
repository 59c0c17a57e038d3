package dev.instacrud.generator.model;

import java.util.List;
import java.util.Optional;

/**
 * One field of an entity or of an embedded object.
 *
 * <p>The default value is typed by the field's type: {@code Long} for int and long, {@code Double} for
 * double, {@code BigDecimal} for decimal, {@code Boolean}, {@code LocalDate} for date, {@code Instant} for
 * datetime, and {@code String} for string, text, email, url, uuid and enum.
 *
 * @param name         camelCase name, a valid Java identifier
 * @param type         the field's type
 * @param itemType     the item type of a list (never LIST); empty for other types
 * @param refTarget    the entity a ref (or a list of refs) points at
 * @param enumValues   the values of an enum (or a list of enums), in spec order
 * @param fields       the nested fields of an object (or a list of objects), in spec order
 * @param required     whether a value must be present
 * @param defaultValue the typed default, if any
 * @param constraints  the value constraints
 * @param unique       whether no two documents of the organisation (or user) may share the value
 * @param searchable   whether a list's {@code q} searches it
 * @param secret       write-only: never returned, never logged, never filterable
 * @param onDelete     for a ref or a list of refs: what deleting the target does (RESTRICT if unset)
 * @param description  free text for docs and the API description
 * @param position     where the field's name is in the spec
 */
public record FieldModel(
        String name,
        FieldType type,
        Optional<FieldType> itemType,
        Optional<String> refTarget,
        List<String> enumValues,
        List<FieldModel> fields,
        boolean required,
        Optional<Object> defaultValue,
        Constraints constraints,
        boolean unique,
        boolean searchable,
        boolean secret,
        Optional<OnDelete> onDelete,
        Optional<String> description,
        Position position) {

    /** Copies the lists so the record stays immutable. */
    public FieldModel {
        enumValues = List.copyOf(enumValues);
        fields = List.copyOf(fields);
    }

    /** The type of a single value: the item type of a list, else the type itself. */
    public FieldType valueType() {
        return itemType.orElse(type);
    }

    /** Whether this field holds one ref or a list of refs. */
    public boolean isRef() {
        return valueType() == FieldType.REF;
    }

    /** The delete policy of a ref, RESTRICT when the spec names none. */
    public OnDelete onDeleteOrDefault() {
        return onDelete.orElse(OnDelete.RESTRICT);
    }
}
