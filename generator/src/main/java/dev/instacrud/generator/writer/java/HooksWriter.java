package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PatientHooks}: the interface through which custom logic runs around writes. Every method
 * has a no-op default, so a service without hooks needs no code; a user's own class implements the methods
 * it needs and is found through {@link java.util.ServiceLoader}, so regeneration never touches it.
 */
final class HooksWriter {
    private final JavaFiles files;

    HooksWriter(JavaFiles files) {
        this.files = files;
    }

    JavaFile write(EntityNames names) {
        String entity = names.entity().name();
        TypeSpec hooks = TypeSpec.interfaceBuilder(names.hooks())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(files.generated())
                .addJavadoc("Custom logic around the writes of {@link $T}.\n\n", names.record())
                .addJavadoc("<p>Implement the methods you need in a class of your own, with a public no-argument\n")
                .addJavadoc(
                        "constructor, and name it in {@code META-INF/services/$L}: the service finds it at start-up.\n",
                        names.hooks().canonicalName())
                .addJavadoc("A hook refuses a write by throwing an {@code ApiException}; the client gets its status.\n")
                .addMethod(MethodSpec.methodBuilder("beforeCreate")
                        .addJavadoc("Runs before a $L is stored; returns what to store.\n", entity)
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .returns(names.input())
                        .addParameter(names.input(), "input")
                        .addStatement("return input")
                        .build())
                .addMethod(MethodSpec.methodBuilder("afterCreate")
                        .addJavadoc("Runs after a $L was stored.\n", entity)
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addParameter(names.record(), "created")
                        .build())
                .addMethod(MethodSpec.methodBuilder("beforeUpdate")
                        .addJavadoc(
                                "Runs before a replace or a patch is stored (a patch arrives merged and checked); returns\n")
                        .addJavadoc("what to store.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .returns(names.input())
                        .addParameter(String.class, "id")
                        .addParameter(names.input(), "input")
                        .addStatement("return input")
                        .build())
                .addMethod(MethodSpec.methodBuilder("afterUpdate")
                        .addJavadoc("Runs after a replace or a patch was stored.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addParameter(names.record(), "updated")
                        .build())
                .addMethod(MethodSpec.methodBuilder("beforeDelete")
                        .addJavadoc(
                                "Runs before a $L is deleted (after the caller's access to it was checked).\n", entity)
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addParameter(String.class, "id")
                        .build())
                .addMethod(MethodSpec.methodBuilder("afterDelete")
                        .addJavadoc("Runs after a $L was deleted, with its delete policies applied.\n", entity)
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .addParameter(String.class, "id")
                        .build())
                .build();
        return files.file(hooks);
    }
}
