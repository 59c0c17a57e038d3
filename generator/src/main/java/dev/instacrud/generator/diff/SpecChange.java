package dev.instacrud.generator.diff;

import dev.instacrud.generator.model.Position;
import java.util.Optional;
import java.util.Set;

/**
 * One change between two specs.
 *
 * @param position where it is in the new spec (for something removed, the nearest place that is still there)
 * @param kind what kind of change it is
 * @param entity the entity concerned, empty for a change of the service
 * @param field the top-level field concerned, empty for a change of a whole entity
 * @param key the spec key of the field that changed ({@code maxLength}, {@code values}, {@code type}...), when one did
 * @param detail what changed, in words ("maxLength 200 to 100")
 * @param impacts what it means for stored data and API clients; {@link Impact#COMPATIBLE} alone or the others
 * @param from for a rename, the old field name
 */
public record SpecChange(
        Position position,
        ChangeKind kind,
        Optional<String> entity,
        Optional<String> field,
        Optional<String> key,
        String detail,
        Set<Impact> impacts,
        Optional<String> from) {

    /** Copies the set so the record stays immutable. */
    public SpecChange {
        impacts = Set.copyOf(impacts);
    }

    /** {@code Task.reporter}, {@code Task}, or {@code service}. */
    public String subject() {
        return entity.map(e -> field.map(f -> e + "." + f).orElse(e)).orElse("service");
    }

    /** Whether it needs a migration of the developer's. */
    public boolean needsMigration() {
        return impacts.contains(Impact.NEEDS_MIGRATION);
    }

    /** Whether it is anything but compatible. */
    public boolean breaking() {
        return !impacts.equals(Set.of(Impact.COMPATIBLE));
    }
}
