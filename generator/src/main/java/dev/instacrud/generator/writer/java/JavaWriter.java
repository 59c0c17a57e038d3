package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.JavaFile;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every Java source of a service, in memory: per entity its record, input record, mapping, hooks,
 * repository and routes; per service the application, and the starting point of the service's own routes
 * class, which is the user's (created once, never rewritten). The caller decides where they go (a folder, a
 * comparison for {@code check}, an in-memory compiler for {@code run}).
 */
public final class JavaWriter {
    private JavaWriter() {}

    /**
     * Where the application class loads the OpenAPI document from, relative to a source root: beside itself
     * ({@code org/example/clinic/openapi.json}).
     */
    public static String openApiPath(ServiceModel service) {
        return packagePath(service) + ApplicationWriter.OPENAPI_RESOURCE;
    }

    /** The sources of a checked model, paths relative to a source root ({@code org/example/Ward.java}). */
    public static List<GeneratedFile> write(ServiceModel service) {
        JavaFiles files = new JavaFiles(service);
        RecordWriter records = new RecordWriter(files);
        MappingWriter mappings = new MappingWriter(files);
        HooksWriter hooks = new HooksWriter(files);
        RepositoryWriter repositories = new RepositoryWriter(files);
        RoutesWriter routes = new RoutesWriter(files);
        // Each file is rendered as soon as it is built, so at most one JavaPoet tree is alive at a time
        // (holding them all cost about 190 MB at 1,000 entities).
        String packagePath = packagePath(service);
        List<GeneratedFile> out = new ArrayList<>();
        Consumer<JavaFile> render = file -> out.add(
                GeneratedFile.generated(packagePath + file.typeSpec().name() + ".java", JavaFiles.render(file)));
        List<EntityNames> entities = new ArrayList<>();
        for (EntityModel entity : service.entities()) {
            EntityNames names = new EntityNames(service.javaPackage(), entity);
            entities.add(names);
            render.accept(records.write(names));
            render.accept(records.writeInput(names));
            render.accept(mappings.write(names));
            render.accept(hooks.write(names));
            render.accept(repositories.write(names));
            render.accept(routes.write(names));
        }
        render.accept(new ApplicationWriter(files).write(service, entities));
        JavaFile endpoints = EndpointsWriter.write(service);
        out.add(GeneratedFile.userOwned(
                packagePath + endpoints.typeSpec().name() + ".java", JavaFiles.render(endpoints)));
        return out;
    }

    private static String packagePath(ServiceModel service) {
        return service.javaPackage().replace('.', '/') + "/";
    }
}
