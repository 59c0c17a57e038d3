package dev.instacrud.generator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A realistic generation (per entity: record, repository, routes, user-owned hooks) and folder snapshots. */
final class Fixture {

    static final String PKG = "src/main/java/com/acme/";

    private Fixture() {}

    /** What a generator would produce for {@code entities}; {@code revision} changes every record's body. */
    static List<GeneratedFile> generation(int revision, String... entities) {
        List<GeneratedFile> files = new ArrayList<>();
        StringBuilder openapi = new StringBuilder("openapi: 3.1.0\npaths:\n");
        for (String entity : entities) {
            files.add(GeneratedFile.generated(PKG + "model/" + entity + ".java", recordSource(entity, revision)));
            files.add(GeneratedFile.generated(
                    PKG + "repo/" + entity + "Repository.java",
                    "package com.acme.repo;\n\npublic final class " + entity + "Repository {\n}\n"));
            files.add(GeneratedFile.generated(
                    PKG + "routes/" + entity + "Routes.java",
                    "package com.acme.routes;\n\npublic final class " + entity + "Routes {\n}\n"));
            files.add(GeneratedFile.userOwned(
                    PKG + "hooks/" + entity + "Hooks.java",
                    "package com.acme.hooks;\n\npublic final class " + entity + "Hooks {\n    // your code\n}\n"));
            openapi.append("  /").append(entity.toLowerCase()).append("s: {}\n");
        }
        files.add(GeneratedFile.generated("src/main/resources/openapi.yaml", openapi.toString()));
        files.add(GeneratedFile.userOwned("README.md", "# acme\n"));
        return files;
    }

    static String recordSource(String entity, int revision) {
        StringBuilder text = new StringBuilder("package com.acme.model;\n\n");
        text.append("public record ").append(entity).append("(\n");
        text.append("        String id,\n");
        text.append("        String title,\n");
        for (int i = 0; i < revision; i++) {
            text.append("        String extra").append(i).append(",\n");
        }
        text.append("        String orgId) {\n}\n");
        return text.toString();
    }

    /** Every folder and file below {@code root} (folders end in '/'), with each file's bytes as Latin-1 text. */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(root)) {
            return tree;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                try {
                    if (Files.isDirectory(p)) {
                        tree.put(rel + "/", "");
                    } else {
                        tree.put(rel, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    /** Copies a folder tree (used to reset the fault-injection baseline). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
