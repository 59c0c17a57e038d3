package dev.instacrud.generator.writer.java;

import static dev.instacrud.generator.writer.java.RuntimeTypes.DATA_LAYER;
import static dev.instacrud.generator.writer.java.RuntimeTypes.HOOKS;
import static dev.instacrud.generator.writer.java.RuntimeTypes.ROUTES;
import static dev.instacrud.generator.writer.java.RuntimeTypes.SERVICE_DEFINITION;
import static dev.instacrud.generator.writer.java.RuntimeTypes.SERVICE_RUNNER;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.instacrud.generator.model.EmailVerification;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.model.Tenancy;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the application class, {@code ClinicApplication}: the service's definition for the runtime (its
 * name, auth options, tenancy, entities, routes and OpenAPI document) and a {@code main} that runs it. All
 * configuration comes from the environment at start-up; the runtime refuses to start on a bad value.
 */
final class ApplicationWriter {
    static final String OPENAPI_RESOURCE = "openapi.json";

    private final JavaFiles files;

    ApplicationWriter(JavaFiles files) {
        this.files = files;
    }

    static ClassName className(ServiceModel service) {
        return ClassName.get(service.javaPackage(), Names.applicationClass(service.name()));
    }

    JavaFile write(ServiceModel service, List<EntityNames> entities) {
        ClassName app = className(service);
        CodeBlock.Builder definition =
                CodeBlock.builder().add("return $T.builder($S)\n$>$>", SERVICE_DEFINITION, service.name());
        if (service.auth().registration() == Registration.INVITE_ONLY) {
            definition.add(".inviteOnly()\n");
        }
        if (service.auth().turnstile()) {
            definition.add(".turnstile()\n");
        }
        if (service.auth().emailVerification() == EmailVerification.REQUIRED) {
            definition.add(".requireEmailVerification()\n");
        }
        for (OAuthProvider provider : service.auth().oauth()) {
            definition.add(".oauth($S)\n", provider.specName());
        }
        if (service.tenancy() == Tenancy.ORG_DB) {
            definition.add(".orgDatabases()\n");
        }
        if (!service.adminUi()) {
            definition.add(".withoutAdminUi()\n");
        }
        definition.add(
                ".entities($L)\n",
                entities.stream()
                        .map(e -> CodeBlock.of("$T.DESCRIPTOR", e.repository()))
                        .collect(CodeBlock.joining(",$W")));
        definition
                .add(".openApi($T.class.getResource($S))\n", app, OPENAPI_RESOURCE)
                .add(".routes($T::routes)\n", app)
                .add(".build();\n$<$<");

        CodeBlock.Builder routes = CodeBlock.builder().addStatement("$T routes = new $T()", ROUTES, ROUTES);
        for (EntityNames e : entities) {
            // new WardRoutes(new WardRepository(data), Hooks.load(WardHooks.class, new WardHooks() {})).addTo(routes);
            routes.addStatement(
                    "new $T(new $T(data), $T.load($T.class, new $T() {})).addTo(routes)",
                    e.routes(),
                    e.repository(),
                    HOOKS,
                    e.hooks(),
                    e.hooks());
        }
        // new ClinicEndpoints(data).addTo(routes): the user's own routes, after the generated ones
        routes.addStatement("new $T(data).addTo(routes)", EndpointsWriter.className(service));
        routes.addStatement("return routes");

        TypeSpec type = TypeSpec.classBuilder(app)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(files.generated())
                .addJavadoc(
                        "The $L service. Run it with {@code java -jar}; it reads its configuration from the\n",
                        service.name())
                .addJavadoc("environment and, without {@code MONGO_URL}, keeps its data in an embedded MongoDB.\n")
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("main")
                        .addJavadoc("Starts the service and serves until the process is stopped.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(String[].class, "args")
                        .addStatement("$T.main(definition(), args)", SERVICE_RUNNER)
                        .build())
                .addMethod(MethodSpec.methodBuilder("definition")
                        .addJavadoc(
                                "What the runtime runs: auth options, tenancy, entities, routes and the API document.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(SERVICE_DEFINITION)
                        .addCode(definition.build())
                        .build())
                .addMethod(MethodSpec.methodBuilder("routes")
                        .addJavadoc(
                                "The entity routes over a data layer, each with the hooks found on the class path, then\n")
                        .addJavadoc("the service's own routes ({@link $T}).\n", EndpointsWriter.className(service))
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(ROUTES)
                        .addParameter(DATA_LAYER, "data")
                        .addCode(routes.build())
                        .build())
                .build();
        return files.file(type);
    }
}
