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

  /** The sources of a checked model, paths relative to a source root ({@code org/example/Ward.java}). */
  public static List<GeneratedFile> write(ServiceModel service) {
    JavaFiles files = new JavaFiles(service);
    RecordWriter records = new RecordWriter(files);
    MappingWriter mappings = new MappingWriter(files);
    List<JavaFile> java = new ArrayList<>();
    for (EntityModel entity : service.entities()) {
      EntityNames names = new EntityNames(service.javaPackage(), entity);
      java.add(records.write(names));
      java.add(records.writeInput(names));
      java.add(mappings.write(names));
    }
    List<GeneratedFile> out = new ArrayList<>();
    for (JavaFile file : java) {
      String path = file.packageName().replace('.', '/') + "/" + file.typeSpec().name() + ".java";
      out.add(GeneratedFile.generated(path, file.toString()));
    }
    return out;
  }
}
