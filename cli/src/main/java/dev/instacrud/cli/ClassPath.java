package dev.instacrud.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This process's class path, with the entries that jar manifests add ({@code java -jar instacrud.jar} puts only the
 * jar on {@code java.class.path}; its manifest names the runtime and the rest): what {@code run} compiles against,
 * and what its {@link ToolFingerprint} covers.
 */
final class ClassPath {
    private ClassPath() {}

    /** Every entry, in order, absolute. */
    static List<Path> entries() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            addWithManifest(Path.of(entry).toAbsolutePath(), entries);
        }
        return entries.stream().map(Path::of).toList();
    }

    /** {@link #entries()} as a {@code -classpath} value. */
    static String joined() throws IOException {
        return String.join(
                File.pathSeparator, entries().stream().map(Path::toString).toList());
    }

    private static void addWithManifest(Path entry, Set<String> entries) throws IOException {
        if (!entries.add(entry.toString())
                || !Files.isRegularFile(entry)
                || !entry.toString().endsWith(".jar")) {
            return;
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(entry.toFile())) {
            manifest = jar.getManifest();
        }
        String classPath =
                manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (classPath == null) {
            return;
        }
        for (String relative : classPath.trim().split("\\s+")) {
            Path resolved = relative.startsWith("file:")
                    ? Path.of(URI.create(relative))
                    : entry.getParent().resolve(relative).normalize();
            addWithManifest(resolved, entries);
        }
    }
}
