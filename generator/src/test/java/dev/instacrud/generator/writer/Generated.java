package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
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
            compilation = compileWith(List.of());
        }
        return compilation;
    }

    /** javac on the Java sources and some of the user's own, with the same options. */
    Compilation compileWith(List<JavaFileObject> userSources) {
        List<JavaFileObject> sources = new ArrayList<>(userSources);
        javaFiles().stream()
                .map(f -> JavaFileObjects.forSourceString(
                        f.relativePath().replaceAll("\\.java$", "").replace('/', '.'), f.content()))
                .forEach(sources::add);
        return Compiler.javac()
                .withOptions("-Xlint:all", "-Werror", "--release", "17")
                .compile(sources);
    }

    /** A class loader over the compiled classes; the runtime comes from the test class path. */
    synchronized ClassLoader classLoader() {
        if (loader == null) {
            loader = classLoader(compilation(), Map.of());
        }
        return loader;
    }

    /** A class loader over compiled classes and some resources (path to text). */
    static ClassLoader classLoader(Compilation compilation, Map<String, String> resources) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                String name = path.substring(
                                path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                                path.length() - ".class".length())
                        .replace('/', '.');
                try (InputStream in = file.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new MemoryClassLoader(classes, resources, Generated.class.getClassLoader());
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
        private final Map<String, String> resources;

        MemoryClassLoader(Map<String, byte[]> classes, Map<String, String> resources, ClassLoader parent) {
            super(parent);
            this.classes = classes;
            this.resources = resources;
        }

        @Override
        protected URL findResource(String name) {
            String text = resources.get(name);
            if (text == null) {
                return null;
            }
            try {
                return new URL(null, "memory:" + name, new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) {
                        return new URLConnection(url) {
                            @Override
                            public void connect() {}

                            @Override
                            public InputStream getInputStream() {
                                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
                            }
                        };
                    }
                });
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            URL url = findResource(name);
            return Collections.enumeration(url == null ? List.of() : List.of(url));
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
