package dev.instacrud.generator.model;

import java.util.List;
import java.util.Optional;

/**
 * A checked spec: everything the code writers read. Only built when the checker found no error, so
 * writers may rely on every ref resolving and every constraint fitting its type.
 *
 * @param name        the service name, {@code [a-z][a-z0-9-]*}
 * @param javaPackage the Java package of the generated code
 * @param description free text for docs
 * @param auth        the auth section, defaults applied
 * @param tenancy     how organisations' data is separated
 * @param adminUi     whether the service serves its web admin and API docs ({@code admin:}, default true)
 * @param entities    the entities, in spec order
 * @param sourceFile  the spec's file name as given to the loader
 */
public record ServiceModel(
        String name,
        String javaPackage,
        Optional<String> description,
        AuthModel auth,
        Tenancy tenancy,
        boolean adminUi,
        List<EntityModel> entities,
        String sourceFile) {

    /** Copies the list so the record stays immutable. */
    public ServiceModel {
        entities = List.copyOf(entities);
    }

    /** The fully qualified name of the generated application class: {@code org.example.clinic.ClinicApplication}. */
    public String applicationClass() {
        return javaPackage + "." + Names.applicationClass(name);
    }

    /** The entity with this name, if any. */
    public Optional<EntityModel> entity(String entityName) {
        return entities.stream().filter(e -> e.name().equals(entityName)).findFirst();
    }

    /** Every top-level ref field, in any entity, that points at the named entity (for delete policies). */
    public List<RefModel> refsTo(String entityName) {
        return entities.stream()
                .flatMap(e -> e.refFields().stream()
                        .filter(f -> f.refTarget().orElseThrow().equals(entityName))
                        .map(f -> new RefModel(e, f)))
                .toList();
    }
}
