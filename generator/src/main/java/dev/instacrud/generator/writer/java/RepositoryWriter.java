package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.DATA_LAYER;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ENTITY_DESCRIPTOR;
import static dev.instacrud.generator.writer.java.RuntimeTypes.FIELD_KIND;
import static dev.instacrud.generator.writer.java.RuntimeTypes.JSON_NODE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.LIST_QUERY;
import static dev.instacrud.generator.writer.java.RuntimeTypes.MERGE_PATCH;
import static dev.instacrud.generator.writer.java.RuntimeTypes.PAGE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.REPOSITORY;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.Scope;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PatientRepository}: the typed face of the runtime's repository. It declares what the
 * runtime must know of the entity (its {@code DESCRIPTOR}: collection, scope, filterable fields, refs with
 * their delete policies, unique fields) and maps records to documents and back; every query, scope, audit
 * field and foreign-key check is the runtime's.
 */
final class RepositoryWriter {

    private final JavaFiles files;

    RepositoryWriter(JavaFiles files) {
        this.files = files;
    }

    JavaFile write(EntityNames names) {
        EntityModel entity = names.entity();
        ClassName record = names.record();
        ClassName mapping = names.mapping();
        TypeSpec repository = TypeSpec.classBuilder(names.repository())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(files.generated())
                .addJavadoc(
                        "The $L documents the caller may see, through the runtime's scoped, audited and\n",
                        entity.name())
                .addJavadoc(
                        entity.scope() == Scope.USER
                                ? "foreign-key-checked operations. $L is user-scoped: each user sees only their own.\n"
                                : "foreign-key-checked operations. $L is shared inside the organisation.\n",
                        entity.name())
                .addField(FieldSpec.builder(
                                ENTITY_DESCRIPTOR, "DESCRIPTOR", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(
                                "What the runtime knows of $L: where it is stored, who sees it, what a client may\n",
                                entity.name())
                        .addJavadoc("filter on, what it refers to and what must be unique.\n")
                        .initializer(descriptor(entity))
                        .build())
                .addField(REPOSITORY, "documents", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(DATA_LAYER, "data")
                        .addStatement("this.documents = data.repository(DESCRIPTOR)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("create")
                        .addJavadoc(
                                "Stores a new $L; the owner and the audit fields come from the request.\n",
                                entity.name())
                        .addModifiers(Modifier.PUBLIC)
                        .returns(record)
                        .addParameter(names.input(), "input")
                        .addStatement(
                                "return $T.fromDocument(documents.insert($T.toDocument(input)))", mapping, mapping)
                        .build())
                .addMethod(MethodSpec.methodBuilder("get")
                        .addJavadoc(
                                "The $L with this id; a 404 when it is missing or not the caller's to see.\n",
                                entity.name())
                        .addModifiers(Modifier.PUBLIC)
                        .returns(record)
                        .addParameter(String.class, "id")
                        .addStatement("return $T.fromDocument(documents.findById(id))", mapping)
                        .build())
                .addMethod(MethodSpec.methodBuilder("replace")
                        .addJavadoc(
                                "Replaces every field of $L; the creation pair is kept.\n",
                                Names.withArticle(entity.name()))
                        .addModifiers(Modifier.PUBLIC)
                        .returns(record)
                        .addParameter(String.class, "id")
                        .addParameter(names.input(), "input")
                        .addStatement(
                                "return $T.fromDocument(documents.replace(id, $T.toDocument(input)))", mapping, mapping)
                        .build())
                .addMethod(MethodSpec.methodBuilder("merge")
                        .addJavadoc(
                                "The stored $L with a JSON merge patch (RFC 7396) applied, checked like a full\n",
                                entity.name())
                        .addJavadoc("replacement. Secret fields the patch leaves alone keep their stored values.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(names.input())
                        .addParameter(String.class, "id")
                        .addParameter(JSON_NODE, "patch")
                        .addStatement(
                                "return $T.fromJson($T.apply($T.patchTarget(documents.findById(id)), patch))",
                                mapping,
                                MERGE_PATCH,
                                mapping)
                        .build())
                .addMethod(MethodSpec.methodBuilder("delete")
                        .addJavadoc(
                                "Deletes $L, applying the delete policy of every ref to it.\n",
                                Names.withArticle(entity.name()))
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(String.class, "id")
                        .addStatement("documents.delete(id)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("list")
                        .addJavadoc(
                                "A page of $L documents: those matching the query's filter (checked against the\n",
                                entity.name())
                        .addJavadoc(
                                "operator allowlist and the declared fields) and search, in its order, by offset or\n")
                        .addJavadoc("after a cursor of an earlier page.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(PAGE, record))
                        .addParameter(LIST_QUERY, "query")
                        .addStatement("return documents.list(query).map($T::fromDocument)", mapping)
                        .build())
                .build();
        return files.file(repository);
    }

    // EntityDescriptor.builder("Patient", "patients", EntityDescriptor.Scope.ORG)
    //     .field("fullName", FieldKind.PLAIN)
    //     .ref("ward", "Ward", EntityDescriptor.OnDelete.RESTRICT)
    //     .unique("name")
    //     .searchable("fullName")
    //     .build()
    private static CodeBlock descriptor(EntityModel entity) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add(
                        "$T.builder($S, $S, $T.$L)",
                        ENTITY_DESCRIPTOR,
                        entity.name(),
                        entity.collection(),
                        ENTITY_DESCRIPTOR.nestedClass("Scope"),
                        entity.scope().name())
                .indent()
                .indent();
        declare(code, "", entity.fields());
        for (FieldModel field : entity.fields()) {
            if (field.unique()) {
                code.add("\n.unique($S)", field.name());
            }
            if (field.searchable()) {
                code.add("\n.searchable($S)", field.name());
            }
        }
        return code.add("\n.build()").unindent().unindent().build();
    }

    private static void declare(CodeBlock.Builder code, String prefix, List<FieldModel> fields) {
        for (FieldModel field : fields) {
            String name = prefix + field.name();
            if (field.isRef()) {
                code.add(
                        "\n.$L($S, $S, $T.$L)",
                        field.type() == FieldType.LIST ? "refList" : "ref",
                        name,
                        field.refTarget().orElseThrow(),
                        ENTITY_DESCRIPTOR.nestedClass("OnDelete"),
                        field.onDeleteOrDefault().name());
            } else if (field.valueType() == FieldType.OBJECT) {
                declare(code, name + ".", field.fields());
            } else {
                code.add("\n.field($S, $T.$L)", name, FIELD_KIND, kind(field));
            }
        }
    }

    private static String kind(FieldModel field) {
        if (field.secret()) {
            return "SECRET";
        }
        FieldType type = field.valueType();
        return type == FieldType.DATE || type == FieldType.DATETIME ? "DATE" : "PLAIN";
    }
}
