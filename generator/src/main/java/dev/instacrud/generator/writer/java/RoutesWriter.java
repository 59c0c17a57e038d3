package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.API_REQUEST;
import static dev.instacrud.generator.writer.java.RuntimeTypes.API_RESPONSE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.LISTS;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ROLE;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ROUTES;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.Operation;
import dev.instacrud.generator.model.SpecName;
import dev.instacrud.generator.model.WriteRole;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code PatientRoutes}: the REST routes of an entity under {@code /api/v1/<path>}, one named method per
 * operation of the model's {@link Operation} table (so a stack trace reads {@code PatientRoutes.create}), each with
 * its method, path, statuses and roles in javadoc. Every route is authenticated (the runtime's default); writes are
 * limited to the entity's {@code write} roles, and READ_ONLY callers never write; the list declares its query
 * parameters (any other is a 400). The routes only translate between HTTP and the repository, running the user's
 * hooks around reads and writes.
 */
final class RoutesWriter {
    /** The runtime's {@code Lists.PARAMETERS}: what {@code Lists.query} reads. */
    static final List<String> LIST_PARAMETERS =
            List.of("filter", "sort", "q", "offset", "limit", "after", "before", "count");

    private static final String ALL_ROLES = String.join(", ", SpecName.all(WriteRole.values()));

    private final JavaFiles files;

    RoutesWriter(JavaFiles files) {
        this.files = files;
    }

    JavaFile write(EntityNames names) {
        EntityModel entity = names.entity();
        String roles = entity.writeRoles().stream().map(WriteRole::specName).collect(Collectors.joining(", "));
        TypeSpec.Builder routes = TypeSpec.classBuilder(names.routes())
                .addModifiers(Modifier.FINAL)
                .addAnnotation(files.generated())
                .addJavadoc(
                        "The REST routes of {@link $T} under {@code $L}, one method per operation. Every route\n",
                        names.record(),
                        entity.apiPath())
                .addJavadoc(
                        "needs a signed-in caller; those that write also need one of the roles $L (READ_ONLY\n", roles)
                .addJavadoc("callers never write). Problems are answered as RFC 9457 JSON.\n")
                .addField(constant("PATH", Operation.LIST.path(entity)))
                .addField(constant("ITEM", Operation.GET.path(entity)))
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
                .addMethod(addTo(names));
        for (Operation op : Operation.values()) {
            routes.addMethod(MethodSpec.methodBuilder(op.javaName())
                    .addJavadoc(doc(op, entity, roles))
                    .addModifiers(Modifier.PRIVATE)
                    .returns(API_RESPONSE)
                    .addParameter(API_REQUEST, "request")
                    .addCode(body(op, names))
                    .build());
        }
        routes.addMethod(MethodSpec.methodBuilder("updated")
                .addModifiers(Modifier.PRIVATE)
                .returns(API_RESPONSE)
                .addParameter(names.record(), "updated")
                .addStatement("hooks.afterUpdate(updated)")
                .addStatement("return $T.ok(json(updated))", API_RESPONSE)
                .build());
        routes.addMethod(MethodSpec.methodBuilder("json")
                .addJavadoc(
                        "What a client reads of $L, after the {@code afterRead} hook.\n",
                        Names.withArticle(entity.name()))
                .addModifiers(Modifier.PRIVATE)
                .returns(RuntimeTypes.OBJECT_NODE)
                .addParameter(names.record(), "record")
                .addStatement("return $T.toJson(hooks.afterRead(record))", names.mapping())
                .build());
        return files.file(routes.build());
    }

    // void addTo(Routes routes) { routes.get(PATH, this::list); routes.post(PATH, this::create).requireRole(...); ... }
    private static MethodSpec addTo(EntityNames names) {
        CodeBlock roles = names.entity().writeRoles().stream()
                .map(r -> CodeBlock.of("$T.$L", ROLE, r.name()))
                .collect(CodeBlock.joining(", "));
        CodeBlock.Builder code = CodeBlock.builder();
        for (Operation op : Operation.values()) {
            CodeBlock route = CodeBlock.of(
                    "routes.$L($L, this::$L)", op.method().toLowerCase(Locale.ROOT), template(op), op.javaName());
            if (op == Operation.LIST) {
                route = CodeBlock.of(
                        "$L.queryParams($L)",
                        route,
                        listParameters(names.entity()).stream()
                                .map(p -> CodeBlock.of("$S", p))
                                .collect(CodeBlock.joining(", ")));
            }
            code.addStatement(op.writes() ? CodeBlock.of("$L.requireRole($L)", route, roles) : route);
        }
        return MethodSpec.methodBuilder("addTo")
                .addJavadoc("Adds the routes of {@link $T} to the service's table.\n", names.record())
                .addParameter(ROUTES, "routes")
                .addCode(code.build())
                .build();
    }

    /** The query parameters of an entity's list: {@code q} only when it has searchable fields. */
    static List<String> listParameters(EntityModel entity) {
        boolean searchable = entity.fields().stream().anyMatch(FieldModel::searchable);
        return LIST_PARAMETERS.stream()
                .filter(p -> searchable || !p.equals("q"))
                .toList();
    }

    // {@code filter}, {@code sort}, {@code q}
    private static String codes(List<String> names) {
        return names.stream().map(n -> "{@code " + n + "}").collect(Collectors.joining(", "));
    }

    // PATH, ITEM, or PATH + "/search" for an operation on a sub-resource
    private static CodeBlock template(Operation op) {
        return switch (op.suffix()) {
            case "" -> CodeBlock.of("PATH");
            case "/{id}" -> CodeBlock.of("ITEM");
            default -> CodeBlock.of("PATH + $S", op.suffix());
        };
    }

    // {@code POST /api/v1/tasks}: stores a new Task; 201 with it and its {@code Location}.
    // Roles: ORG_ADMIN, USER. Problems: 401, 403, 409, 413, 415, 422, 429.
    private static CodeBlock doc(Operation op, EntityModel entity, String writeRoles) {
        String name = entity.name();
        String what = switch (op) {
            case LIST ->
                "200 with a page of the " + name + " documents the caller may see, chosen by the\n"
                        + codes(listParameters(entity).subList(0, 4)) + ",\n"
                        + codes(listParameters(entity)
                                .subList(4, listParameters(entity).size()))
                        + " parameters, with {@code Link} headers to the next and previous pages.";
            case CREATE -> "stores a new " + name + "; 201 with it and its {@code Location}.";
            case GET -> "200 with the " + name + "; 404 when it is missing or not the caller's to see.";
            case REPLACE -> "replaces every field of the " + name + "; 200 with the stored " + name + ".";
            case PATCH ->
                "changes the " + name + " with a JSON merge patch (RFC 7396), checked once\n"
                        + "merged; 200 with the stored " + name + ".";
            case DELETE -> "deletes the " + name + ", applying the delete policy of every ref to it; 204.";
        };
        String problems = op.problems().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return CodeBlock.builder()
                .add("{@code $L $L}: $L\n", op.method(), op.path(entity), what)
                .add("Roles: $L. Problems: $L.\n", op.writes() ? writeRoles : ALL_ROLES, problems)
                .build();
    }

    private static CodeBlock body(Operation op, EntityNames names) {
        ClassName mapping = names.mapping();
        CodeBlock.Builder code = CodeBlock.builder();
        switch (op) {
            case LIST ->
                code.addStatement(
                                "$T<$T> page = repository.list(hooks.beforeList($T.query(request, DEFAULT_LIMIT)))",
                                RuntimeTypes.PAGE,
                                names.record(),
                                LISTS)
                        .addStatement("return $T.answer(request, page.map(this::json))", LISTS);
            case CREATE ->
                code.addStatement(
                                "$T input = hooks.beforeCreate($T.fromJson(request.requireBody()))",
                                names.input(),
                                mapping)
                        .addStatement("$T created = repository.create(input)", names.record())
                        .addStatement("hooks.afterCreate(created)")
                        .addStatement("return $T.created(PATH + \"/\" + created.id(), json(created))", API_RESPONSE);
            case GET ->
                code.addStatement("return $T.ok(json(repository.get(request.pathParam($S))))", API_RESPONSE, "id");
            case REPLACE ->
                code.addStatement("String id = request.pathParam($S)", "id")
                        .addStatement(
                                "$T input = hooks.beforeUpdate(id, $T.fromJson(request.requireBody()))",
                                names.input(),
                                mapping)
                        .addStatement("return updated(repository.replace(id, input))");
            case PATCH ->
                code.addStatement("String id = request.pathParam($S)", "id")
                        .addStatement(
                                "$T input = hooks.beforeUpdate(id, repository.merge(id, request.requireBody()))",
                                names.input())
                        .addStatement("return updated(repository.replace(id, input))");
            case DELETE ->
                code.addStatement("String id = request.pathParam($S)", "id")
                        .addStatement("repository.get(id)")
                        .addStatement("hooks.beforeDelete(id)")
                        .addStatement("repository.delete(id)")
                        .addStatement("hooks.afterDelete(id)")
                        .addStatement("return $T.noContent()", API_RESPONSE);
        }
        return code.build();
    }

    private static FieldSpec constant(String name, String value) {
        return FieldSpec.builder(String.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", value)
                .build();
    }
}
