package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.JavaFile;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Java source of a service, in memory: per entity its record, input record, mapping, hooks,
 * repository and routes; per service the application, and the starting point of the service's own routes
 * class, which is the user's (created once, never rewritten). The caller decides where they go (a folder, a
 * comparison for {@code check}, an in-memory compiler for {@code run}).
 */
public final class JavaWriter {
    private static final int FILES_PER_ENTITY = 6;

    private JavaWriter() {}

    /**
     * Where the application class loads the OpenAPI document from, relative to a source root: beside itself
     * ({@code org/example/clinic/openapi.json}).
     */
    public static String openApiPath(ServiceModel service) {
        return packagePath(service) + ApplicationWriter.OPENAPI_RESOURCE;
    }

    /**
     * The sources of a checked model, paths relative to a source root ({@code org/example/Ward.java}), in a fixed
     * order: per entity in spec order its six files, then the application and the endpoints class.
     *
     * <p>Entities are written in parallel (a parallel stream on the common pool), each entity's six files by one
     * task: a file's text depends only on the model, never on which thread wrote it or when, and the stream keeps
     * the spec's order, so the output is the same bytes as one thread would give. Each file is rendered as soon as
     * it is built, so about one JavaPoet tree per thread is alive at a time (holding them all cost about 190 MB at
     * 1,000 entities).
     */
    public static List<GeneratedFile> write(ServiceModel service) {
        JavaFiles files = new JavaFiles(service);
        RecordWriter records = new RecordWriter(files);
        MappingWriter mappings = new MappingWriter(files);
        HooksWriter hooks = new HooksWriter(files);
        RepositoryWriter repositories = new RepositoryWriter(files);
        RoutesWriter routes = new RoutesWriter(files);
        String packagePath = packagePath(service);
        List<EntityNames> entities = service.entities().stream()
                .map(entity -> new EntityNames(service.javaPackage(), entity))
                .toList();
        List<GeneratedFile> out = new ArrayList<>(entities.size() * FILES_PER_ENTITY + 2);
        entities.parallelStream()
                .map(names -> List.of(
                        generated(packagePath, records.write(names)),
                        generated(packagePath, records.writeInput(names)),
                        generated(packagePath, mappings.write(names)),
                        generated(packagePath, hooks.write(names)),
                        generated(packagePath, repositories.write(names)),
                        generated(packagePath, routes.write(names))))
                .forEachOrdered(out::addAll);
        out.add(generated(packagePath, new ApplicationWriter(files).write(service, entities)));
        JavaFile endpoints = EndpointsWriter.write(service);
        out.add(GeneratedFile.userOwned(
                packagePath + endpoints.typeSpec().name() + ".java", JavaFiles.render(endpoints)));
        return out;
    }

    private static GeneratedFile generated(String packagePath, JavaFile file) {
        return GeneratedFile.generated(packagePath + file.typeSpec().name() + ".java", JavaFiles.render(file));
    }

    private static String packagePath(ServiceModel service) {
        return service.javaPackage().replace('.', '/') + "/";
    }
}
