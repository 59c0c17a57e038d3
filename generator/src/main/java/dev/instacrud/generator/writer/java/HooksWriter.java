package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.ENTITY_HOOKS;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PatientHooks}: the interface through which custom logic runs around writes. The methods are the
 * runtime's {@code EntityHooks}, the same for every entity apart from its types, so the generated interface only
 * binds them ({@code EntityHooks<Patient, PatientInput>}) and gives the service loader a type to look for. A user's
 * own class implements the methods it needs and is found through {@link java.util.ServiceLoader}, so regeneration
 * never touches it.
 */
final class HooksWriter {
    private final JavaFiles files;

    HooksWriter(JavaFiles files) {
        this.files = files;
    }

    // public interface PatientHooks extends EntityHooks<Patient, PatientInput> {}
    JavaFile write(EntityNames names) {
        TypeSpec hooks = TypeSpec.interfaceBuilder(names.hooks())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(files.generated())
                .addSuperinterface(ParameterizedTypeName.get(ENTITY_HOOKS, names.record(), names.input()))
                .addJavadoc("Custom logic around the writes of {@link $T}.\n\n", names.record())
                .addJavadoc(
                        "<p>Implement the methods of {@link $T} you need in a class of your own, with a public\n",
                        ENTITY_HOOKS)
                .addJavadoc(
                        "no-argument constructor, and name it in {@code META-INF/services/$L}:\n",
                        names.hooks().canonicalName())
                .addJavadoc(
                        "the service finds it at start-up. A hook refuses a write by throwing an {@code ApiException};\n")
                .addJavadoc("the client gets its status.\n")
                .build();
        return files.file(hooks);
    }
}
