package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * Test support: a spec's generated files, compiled once per spec (javac with every lint as an error, against
 * the test class path, which holds the runtime) and loadable from memory.
 */
final class Generated {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path SAMPLES = MODULE.resolveSibling("samples");
  static final Path SPECS = MODULE.resolve("src/test/resources/specs");

  private static final Map<Path, Generated> CACHE = new ConcurrentHashMap<>();

  final Path spec;
  final List<GeneratedFile> files;
  private Compilation compilation;
  private ClassLoader loader;

  private Generated(Path spec, List<GeneratedFile> files) {
    this.spec = spec;
    this.files = files;
  }

  /** Every valid sample spec of the repository. */
  static List<Path> samples() {
    try (Stream<Path> s = Files.list(SAMPLES)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServiceModel model(Path spec) {
    SpecResult result;
    try {
      result = Instacrud.load(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(result.diagnostics().isEmpty(), () -> spec + " does not check: " + result.diagnostics());
    return result.model().orElseThrow();
  }

  /** The files of a spec, generated once per test run. */
  static Generated of(Path spec) {
    return CACHE.computeIfAbsent(spec, s -> new Generated(s, Instacrud.sources(model(s))));
  }

  static Generated sample(String name) {
    return of(SAMPLES.resolve(name + ".yaml"));
  }

  List<GeneratedFile> javaFiles() {
    return files.stream().filter(f -> f.relativePath().endsWith(".java")).toList();
  }

  GeneratedFile file(String fileName) {
    return files.stream()
        .filter(f -> f.relativePath().endsWith("/" + fileName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no generated " + fileName + " for " + spec));
  }

  /** javac on the Java sources: -Xlint:all -Werror --release 17. */
  synchronized Compilation compilation() {
    if (compilation == null) {
      List<JavaFileObject> sources = javaFiles().stream()
          .map(f -> JavaFileObjects.forSourceString(
              f.relativePath().replaceAll("\\.java$", "").replace('/', '.'), f.content()))
          .toList();
      compilation = Compiler.javac()
          .withOptions("-Xlint:all", "-Werror", "--release", "17")
          .compile(sources);
    }
    return compilation;
  }

  /** A class loader over the compiled classes; the runtime comes from the test class path. */
  synchronized ClassLoader classLoader() {
    if (loader == null) {
      Map<String, byte[]> classes = new HashMap<>();
      for (JavaFileObject file : compilation().generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          try (InputStream in = file.openInputStream()) {
            classes.put(name, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      loader = new MemoryClassLoader(classes, Generated.class.getClassLoader());
    }
    return loader;
  }

  Class<?> load(String simpleName) {
    try {
      return Class.forName(model(spec).javaPackage() + "." + simpleName, true, classLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
