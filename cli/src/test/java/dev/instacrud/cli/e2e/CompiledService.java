package dev.instacrud.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.runtime.app.RunningService;
import dev.instacrud.runtime.app.ServiceDefinition;
import dev.instacrud.runtime.app.ServiceRunner;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A spec generated and compiled to class files on disk, as a user's build would, together with code of the user's
 * own (hooks, migrations) and their resources ({@code META-INF/services}); then started in this JVM in a class loader
 * of its own, or as a service process of its own ({@link ServiceProcess}).
 */
final class CompiledService {
    final ServiceModel model;
    final Path classes;

    private CompiledService(ServiceModel model, Path classes) {
        this.model = model;
        this.classes = classes;
    }

    /**
     * Generates the spec at {@code spec}, writes the sources and {@code userFiles} (paths relative to a source root:
     * {@code .java} files are compiled, the rest copied as resources) under {@code dir}, and compiles them.
     */
    static CompiledService compile(Path spec, Map<String, String> userFiles, Path dir) throws IOException {
        SpecResult loaded = Instacrud.load(spec);
        assertEquals(List.of(), loaded.formatted(), spec.toString());
        ServiceModel model = loaded.model().orElseThrow();
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> java = new ArrayList<>();
        List<GeneratedFile> files = new ArrayList<>(Instacrud.sources(model));
        userFiles.forEach((path, content) -> files.add(GeneratedFile.userOwned(path, content)));
        for (GeneratedFile file : files) {
            boolean isJava = file.relativePath().endsWith(".java");
            Path target = (isJava ? sources : classes).resolve(file.relativePath());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            if (isJava) {
                java.add(target);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(java);
            List<String> options =
                    List.of("--release", "17", "-proc:none", "-classpath", testClassPath(), "-d", classes.toString());
            boolean ok =
                    javac.getTask(errors, manager, null, options, null, units).call();
            assertTrue(ok, "the service did not compile:\n" + errors);
        }
        return new CompiledService(model, classes);
    }

    /** The class path of the tests (the runtime and its dependencies), as the child JVMs get it. */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Starts the service in this JVM, in a class loader over its classes; the caller closes it. */
    Started startHere(Map<String, String> environment) throws Exception {
        URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, CompiledService.class.getClassLoader());
        Class<?> application = Class.forName(model.applicationClass(), true, loader);
        ServiceDefinition definition =
                (ServiceDefinition) application.getMethod("definition").invoke(null);
        return new Started(ServiceRunner.start(definition, environment), loader);
    }

    /** Starts the service as a process of its own with this environment; the caller stops it. */
    ServiceProcess startProcess(Map<String, String> environment, Path log, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classes + File.pathSeparator + testClassPath(), model.applicationClass()));
        return ServiceProcess.start(command, environment, log);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A service started in this JVM, and the class loader of its (and its user's) classes. */
    record Started(RunningService service, URLClassLoader loader) implements AutoCloseable {
        /** A static field of a class of the user's, such as a counter a hook keeps. */
        Object staticField(String className, String field) throws ReflectiveOperationException {
            return loader.loadClass(className).getField(field).get(null);
        }

        @Override
        public void close() throws IOException {
            service.close();
            loader.close();
        }
    }

    /** Deletes a folder made by a test. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
