package dev.instacrud.cli;

import dev.instacrud.generator.output.GeneratedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the JDK's compiler (javax.tools) against the command line's class path, which
 * holds the runtime, without touching the disk.
 */
final class InMemoryCompiler {
    private InMemoryCompiler() {}

    /** Compilation failed; the message holds the compiler's diagnostics. */
    static final class CompileException extends Exception {
        private static final long serialVersionUID = 1L;

        CompileException(String message) {
            super(message);
        }
    }

    /** Compiles every {@code .java} file; the other files come along as resources. */
    static CompiledClasses compile(List<GeneratedFile> files) throws CompileException, IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new CompileException("no Java compiler: run instacrud with a JDK, not a JRE");
        }
        List<JavaFileObject> sources = new ArrayList<>();
        Map<String, byte[]> resources = new ConcurrentHashMap<>();
        for (GeneratedFile file : files) {
            if (file.relativePath().endsWith(".java")) {
                sources.add(new Source(file));
            } else {
                resources.put(file.relativePath(), file.content().getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, byte[]> classes = new ConcurrentHashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        try (JavaFileManager manager = new ClassesInMemory(standard, classes)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-classpath", ClassPath.joined());
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, manager, diagnostics, options, null, sources)
                    .call();
            if (!ok) {
                StringBuilder message = new StringBuilder("the generated code did not compile:\n");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    message.append(
                                    d.getSource() == null
                                            ? ""
                                            : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                            .append(d.getMessage(Locale.ROOT))
                            .append('\n');
                }
                throw new CompileException(message.toString());
            }
        }
        return new CompiledClasses(classes, resources);
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String content;

        Source(GeneratedFile file) {
            super(URI.create("string:///" + file.relativePath()), Kind.SOURCE);
            this.content = file.content();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return content;
        }
    }

    private static final class ClassesInMemory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        ClassesInMemory(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                    URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
