package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.DATA_LAYER;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ROUTES;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.ServiceModel;
import javax.lang.model.element.Modifier;

/**
 * Writes the starting point of {@code ClinicEndpoints}, the class where a developer adds routes of their own beside
 * the generated ones. It is user-owned: created once when missing, then never changed or deleted by regeneration
 * (see the output's ownership rules), so it carries no {@code @Generated} and no "do not edit" header. The generated
 * application calls its {@code addTo} after adding the entity routes, so its routes go through the same chain:
 * authentication, roles, rate limits, the declared query parameters, strict JSON, the request context the
 * repositories read, problem+json.
 */
final class EndpointsWriter {
    private EndpointsWriter() {}

    static ClassName className(ServiceModel service) {
        return ClassName.get(service.javaPackage(), Names.endpointsClass(service.name()));
    }

    // final class ClinicEndpoints { private final DataLayer data; ClinicEndpoints(DataLayer data) {...}
    //     void addTo(Routes routes) {} }
    static JavaFile write(ServiceModel service) {
        EntityModel first = service.entities().get(0);
        String repository = first.name() + "Repository";
        String variable =
                Character.toLowerCase(first.name().charAt(0)) + first.name().substring(1) + "s";
        TypeSpec type = TypeSpec.classBuilder(className(service))
                .addModifiers(Modifier.FINAL)
                .addJavadoc(
                        "The $L service's own routes, beside the generated ones. Each route added here gets the\n",
                        service.name())
                .addJavadoc("same protections: a signed-in caller unless it is {@code .publicRoute()}, the roles of\n")
                .addJavadoc(
                        "{@code .requireRole(...)} (READ_ONLY callers never write), the per-user rate limit, only the\n")
                .addJavadoc(
                        "query parameters it declares with {@code .queryParams(...)}, strict JSON bodies, problem+json\n")
                .addJavadoc(
                        "errors (throw an {@code ApiException}), and the caller bound for the repositories, which read\n")
                .addJavadoc(
                        "and write the caller's organisation only (and a user-scoped entity's own documents only).\n")
                .addJavadoc("\n<p>For example, how many $L documents the caller sees:\n", first.name())
                .addJavadoc("\n<pre>{@code\n")
                .addJavadoc("$L $L = new $L(data);\n", repository, variable, repository)
                .addJavadoc("routes.get(\"/api/v1/reports/$L-count\", request ->\n", first.path())
                .addJavadoc(
                        "        ApiResponse.ok(Map.of(\"count\", $L.list(ListQuery.firstPage(1)).total())))\n",
                        variable)
                .addJavadoc("    .requireRole(Role.ORG_ADMIN, Role.USER);\n")
                .addJavadoc("}</pre>\n")
                .addJavadoc("\n<p>(with {@code java.util.Map}, {@code dev.instacrud.runtime.context.Role}, {@code\n")
                .addJavadoc(
                        "dev.instacrud.runtime.data.ListQuery} and {@code dev.instacrud.runtime.http.ApiResponse}\n")
                .addJavadoc("imported).\n")
                .addJavadoc(
                        "\n<p>instacrud created this file once, as a starting point: it is yours, and regeneration\n")
                .addJavadoc("never changes or deletes it.\n")
                .addField(DATA_LAYER, "data", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(DATA_LAYER, "data")
                        .addStatement("this.data = data")
                        .build())
                .addMethod(MethodSpec.methodBuilder("addTo")
                        .addJavadoc("Adds the service's own routes; the application calls it once, at start-up.\n")
                        .addParameter(ROUTES, "routes")
                        .addComment("add your routes here (see the example above)")
                        .build())
                .build();
        return JavaFile.builder(service.javaPackage(), type)
                .addFileComment(
                        "Created by instacrud from $L as a starting point for your own routes.\n", specName(service))
                .addFileComment("This file is yours: regeneration never changes or deletes it.")
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static String specName(ServiceModel service) {
        java.nio.file.Path file = java.nio.file.Path.of(service.sourceFile()).getFileName();
        return (file == null ? service.sourceFile() : file.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
