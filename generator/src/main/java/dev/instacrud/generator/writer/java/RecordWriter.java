package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import java.time.Instant;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the record a client reads, {@code Patient}: the id, every field but the secret ones, and the
 * audit fields. The enums and embedded objects of the entity are nested in it, so {@code PatientInput} and
 * the mapping share them; embedded objects validate themselves like the input record does.
 */
final class RecordWriter {
    private final JavaFiles files;

    RecordWriter(JavaFiles files) {
        this.files = files;
    }

    JavaFile write(EntityNames names) {
        EntityModel entity = names.entity();
        MethodSpec.Builder components =
                MethodSpec.constructorBuilder().addParameter(String.class, "id").addParameter(long.class, "version");
        CodeBlock.Builder doc = CodeBlock.builder()
                .add(
                        "$L\n\n",
                        Docs.escape(entity.description().orElse("A " + entity.name() + " as the API returns it.")))
                .add("<p>Secret fields are write-only and never appear here.\n\n")
                .add("@param id the document's id (24 hexadecimal characters)\n")
                .add(
                        "@param version 1 when created, one more at each write; its {@code ETag} is {@code \"<version>\"}\n");
        for (FieldModel field : entity.fields()) {
            if (!field.secret()) {
                components.addParameter(names.type(field), field.name());
                doc.add("@param $L $L\n", field.name(), Docs.describe(field));
            }
        }
        components
                .addParameter(Instant.class, "createdAt")
                .addParameter(String.class, "createdBy")
                .addParameter(Instant.class, "updatedAt")
                .addParameter(String.class, "updatedBy");
        doc.add("@param createdAt when it was created (UTC)\n")
                .add("@param createdBy the id of the user who created it\n")
                .add("@param updatedAt when it was last written (UTC)\n")
                .add("@param updatedBy the id of the user who last wrote it\n");
        TypeSpec.Builder record = TypeSpec.recordBuilder(names.record())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(files.generated())
                .addJavadoc(doc.build())
                .recordConstructor(components.build());
        addNestedTypes(record, names.record(), names, entity.fields());
        return files.file(record.build());
    }

    private void addNestedTypes(
            TypeSpec.Builder owner, ClassName ownerName, EntityNames names, List<FieldModel> fields) {
        for (FieldModel field : fields) {
            if (field.valueType() == FieldType.ENUM) {
                owner.addType(enumType(ownerName, names.nestedType(field), field));
            } else if (field.valueType() == FieldType.OBJECT) {
                owner.addType(objectType(ownerName, names, field));
            }
        }
    }

    // public record Address(String street, String city) { public Address { ...checks... } }
    private TypeSpec objectType(ClassName owner, EntityNames names, FieldModel field) {
        ClassName type = names.nestedType(field);
        CodeBlock.Builder doc = CodeBlock.builder()
                .add(
                        field.type() == FieldType.LIST
                                ? "One of the {@code $L} of a {@link $T}"
                                : "The {@code $L} of a {@link $T}",
                        field.name(),
                        owner)
                .add(", checked on construction: every violated rule\nis reported at once.\n");
        description(doc, field);
        doc.add("\n");
        for (FieldModel nested : field.fields()) {
            doc.add("@param $L $L\n", nested.name(), Docs.describe(nested));
        }
        TypeSpec.Builder record =
                TypeSpec.recordBuilder(type).addModifiers(Modifier.PUBLIC).addJavadoc(doc.build());
        new ValidationCode(names).addTo(record, field.fields());
        addNestedTypes(record, type, names, field.fields());
        return record.build();
    }

    // public enum Status { ADMITTED("admitted"), DISCHARGED("discharged"); ... toString() { return value; } }
    private static TypeSpec enumType(ClassName owner, ClassName type, FieldModel field) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add(
                        "The values of the {@code $L} of a {@link $T}; {@link #toString()} gives each as the\n",
                        field.name(),
                        owner)
                .add("spec and JSON write it.\n");
        description(doc, field);
        TypeSpec.Builder constants =
                TypeSpec.enumBuilder(type).addModifiers(Modifier.PUBLIC).addJavadoc(doc.build());
        for (String value : field.enumValues()) {
            constants.addEnumConstant(
                    Names.constant(value),
                    TypeSpec.anonymousClassBuilder("$S", value).build());
        }
        return constants
                .addField(FieldSpec.builder(String.class, "value", Modifier.PRIVATE, Modifier.FINAL)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(String.class, "value")
                        .addStatement("this.value = value")
                        .build())
                .addMethod(MethodSpec.methodBuilder("toString")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return value")
                        .build())
                .build();
    }

    /** The spec's description of the field, as a paragraph of its own. */
    private static void description(CodeBlock.Builder doc, FieldModel field) {
        field.description().ifPresent(d -> doc.add("\n<p>$L\n", Docs.escape(d)));
    }

    /** Writes {@code PatientInput}: the validated shape of a create or a full replace. */
    JavaFile writeInput(EntityNames names) {
        EntityModel entity = names.entity();
        CodeBlock.Builder doc = CodeBlock.builder()
                .add(
                        "What a client sends to create or replace a {@link $T}, checked on construction: every\n",
                        names.record())
                .add("violated rule of the spec is reported at once. The id, the audit fields and the owner are\n")
                .add("not part of it, so a client cannot set them.\n\n");
        for (FieldModel field : entity.fields()) {
            doc.add("@param $L $L\n", field.name(), Docs.describe(field));
        }
        TypeSpec.Builder record = TypeSpec.recordBuilder(names.input())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(files.generated())
                .addJavadoc(doc.build());
        new ValidationCode(names).addTo(record, entity.fields());
        return files.file(record.build());
    }
}
