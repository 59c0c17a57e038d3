package dev.instacrud.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Map;

/**
 * A generated service, compiled: class files by binary name, and the other generated files (the OpenAPI document) by
 * resource path. Made by {@link InMemoryCompiler}, or read back from the data folder by {@link RunCache}.
 *
 * @param classes class file bytes by binary name ({@code org.example.tasks.Task})
 * @param resources file bytes by resource path ({@code org/example/tasks/openapi.json})
 */
record CompiledClasses(Map<String, byte[]> classes, Map<String, byte[]> resources) {

    CompiledClasses {
        classes = Map.copyOf(classes);
        resources = Map.copyOf(resources);
    }

    /** A class loader of their own over {@code parent}, which must hold the runtime. */
    ClassLoader loader(ClassLoader parent) {
        return new Loader(classes, resources, parent);
    }

    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;
        private final Map<String, byte[]> resources;

        Loader(Map<String, byte[]> classes, Map<String, byte[]> resources, ClassLoader parent) {
            super("instacrud-run", parent);
            this.classes = classes;
            this.resources = resources;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        protected java.util.Enumeration<URL> findResources(String name) {
            URL url = findResource(name); // ServiceLoader asks for every copy of META-INF/services files
            return java.util.Collections.enumeration(url == null ? java.util.List.of() : java.util.List.of(url));
        }

        @Override
        protected URL findResource(String name) {
            byte[] bytes = resources.get(name);
            if (bytes == null) {
                return null;
            }
            try {
                return new URL("mem", "", -1, "/" + name, new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) {
                        return new URLConnection(url) {
                            @Override
                            public void connect() {}

                            @Override
                            public InputStream getInputStream() {
                                return new ByteArrayInputStream(bytes);
                            }
                        };
                    }
                });
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
