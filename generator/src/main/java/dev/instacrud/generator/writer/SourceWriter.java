package dev.instacrud.generator.writer;

import com.palantir.javapoet.JavaFile;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Java source of a service, in memory: per entity its record, input record, mapping, hooks,
 * repository and routes; per service the application. The caller decides where they go (a folder, a
 * comparison for {@code check}, an in-memory compiler for {@code run}).
 */
public final class SourceWriter {
  private SourceWriter() {}

  /** The fully qualified name of the service's application class, whose {@code definition()} runs it. */
  public static String applicationClass(ServiceModel service) {
    return ApplicationWriter.className(service).canonicalName();
  }

  /** The sources of a checked model, paths relative to a source root ({@code org/example/Ward.java}). */
  public static List<GeneratedFile> write(ServiceModel service) {
    JavaFiles files = new JavaFiles(service);
    RecordWriter records = new RecordWriter(files);
    MappingWriter mappings = new MappingWriter(files);
    HooksWriter hooks = new HooksWriter(files);
    RepositoryWriter repositories = new RepositoryWriter(files);
    RoutesWriter routes = new RoutesWriter(files);
    List<JavaFile> java = new ArrayList<>();
    List<EntityNames> entities = new ArrayList<>();
    for (EntityModel entity : service.entities()) {
      EntityNames names = new EntityNames(service.javaPackage(), entity);
      entities.add(names);
      java.add(records.write(names));
      java.add(records.writeInput(names));
      java.add(mappings.write(names));
      java.add(hooks.write(names));
      java.add(repositories.write(names));
      java.add(routes.write(names));
    }
    java.add(new ApplicationWriter(files).write(service, entities));
    String packagePath = service.javaPackage().replace('.', '/') + "/";
    List<GeneratedFile> out = new ArrayList<>();
    for (JavaFile file : java) {
      out.add(GeneratedFile.generated(packagePath + file.typeSpec().name() + ".java", file.toString()));
    }
    out.add(GeneratedFile.generated(packagePath + ApplicationWriter.OPENAPI_RESOURCE, OpenApiWriter.write(service)));
    return out;
  }
}
