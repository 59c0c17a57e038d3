package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.API_RESPONSE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.QUERY_PARAMS;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ROLE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ROUTES;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.WriteRole;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PatientRoutes}: the six REST routes of an entity under {@code /api/v1/<path>}. Every route
 * is authenticated (the runtime's default); writes are limited to the entity's {@code write} roles, and
 * READ_ONLY callers never write. The routes only translate between HTTP and the repository, running the
 * user's hooks around writes.
 */
final class RoutesWriter {

    private final JavaFiles files;

    RoutesWriter(JavaFiles files) {
        this.files = files;
    }

    JavaFile write(EntityNames names) {
        EntityModel entity = names.entity();
        ClassName mapping = names.mapping();
        CodeBlock roles = entity.writeRoles().stream()
                .map(r -> CodeBlock.of("$T.$L", ROLE, r.name()))
                .collect(CodeBlock.joining(", "));
        CodeBlock.Builder body = CodeBlock.builder();
        // POST → 201 with the stored document and its Location
        body.add("routes.post(PATH, request -> {\n$>")
                .addStatement(
                        "$T input = hooks.beforeCreate($T.fromJson(request.requireBody()))", names.input(), mapping)
                .addStatement("$T created = repository.create(input)", names.record())
                .addStatement("hooks.afterCreate(created)")
                .addStatement(
                        "return $T.created(PATH + \"/\" + created.id(), $T.toJson(created))", API_RESPONSE, mapping)
                .add("$<}).requireRole($L);\n", roles);
        // GET /{id} → 200, or 404 when missing or not the caller's
        body.addStatement(
                "routes.get(ITEM, request -> $T.ok($T.toJson(repository.get(request.pathParam($S)))))",
                API_RESPONSE,
                mapping,
                "id");
        // PUT /{id} → 200 after a full replace
        body.add("routes.put(ITEM, request -> {\n$>")
                .addStatement("String id = request.pathParam($S)", "id")
                .addStatement(
                        "$T input = hooks.beforeUpdate(id, $T.fromJson(request.requireBody()))", names.input(), mapping)
                .addStatement("return updated(repository.replace(id, input))")
                .add("$<}).requireRole($L);\n", roles);
        // PATCH /{id} → 200 after a JSON merge patch, checked once merged
        body.add("routes.patch(ITEM, request -> {\n$>")
                .addStatement("String id = request.pathParam($S)", "id")
                .addStatement(
                        "$T input = hooks.beforeUpdate(id, repository.merge(id, request.requireBody()))", names.input())
                .addStatement("return updated(repository.replace(id, input))")
                .add("$<}).requireRole($L);\n", roles);
        // DELETE /{id} → 204
        body.add("routes.delete(ITEM, request -> {\n$>")
                .addStatement("String id = request.pathParam($S)", "id")
                .addStatement("repository.get(id)")
                .addStatement("hooks.beforeDelete(id)")
                .addStatement("repository.delete(id)")
                .addStatement("hooks.afterDelete(id)")
                .addStatement("return $T.noContent()", API_RESPONSE)
                .add("$<}).requireRole($L);\n", roles);
        // GET ?filter=&sort=&offset=&limit= → 200 {items, offset, limit, total}
        body.add("routes.get(PATH, request -> $T.ok(repository.list(\n$>$>", API_RESPONSE)
                .add("request.queryParam($S).orElse(null),\n", "filter")
                .add("request.queryParam($S).orElse(null),\n", "sort")
                .add("$T.integer(request, $S, 0),\n", QUERY_PARAMS, "offset")
                .add("$T.integer(request, $S, DEFAULT_LIMIT))\n", QUERY_PARAMS, "limit")
                .add(".map($T::toJson)));\n$<$<", mapping);

        TypeSpec routes = TypeSpec.classBuilder(names.routes())
                .addModifiers(Modifier.FINAL)
                .addAnnotation(files.generated())
                .addJavadoc(
                        "The REST routes of {@link $T}: create, read, replace, patch, delete and list under\n",
                        names.record())
                .addJavadoc("{@code $L}.\n", "/api/v1/" + entity.path())
                .addField(constant("PATH", "/api/v1/" + entity.path()))
                .addField(constant("ITEM", "/api/v1/" + entity.path() + "/{id}"))
                .addField(
                        FieldSpec.builder(int.class, "DEFAULT_LIMIT", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                                .initializer("50")
                                .build())
                .addField(names.repository(), "repository", Modifier.PRIVATE, Modifier.FINAL)
                .addField(names.hooks(), "hooks", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(names.repository(), "repository")
                        .addParameter(names.hooks(), "hooks")
                        .addStatement("this.repository = repository")
                        .addStatement("this.hooks = hooks")
                        .build())
                .addMethod(MethodSpec.methodBuilder("addTo")
                        .addJavadoc(
                                "Adds the routes; writes need one of the roles $L.\n",
                                entity.writeRoles().stream()
                                        .map(WriteRole::name)
                                        .toList())
                        .addParameter(ROUTES, "routes")
                        .addCode(body.build())
                        .build())
                .addMethod(MethodSpec.methodBuilder("updated")
                        .addModifiers(Modifier.PRIVATE)
                        .returns(API_RESPONSE)
                        .addParameter(names.record(), "updated")
                        .addStatement("hooks.afterUpdate(updated)")
                        .addStatement("return $T.ok($T.toJson(updated))", API_RESPONSE, mapping)
                        .build())
                .build();
        return files.file(routes);
    }

    private static FieldSpec constant(String name, String value) {
        return FieldSpec.builder(String.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", value)
                .build();
    }
}
