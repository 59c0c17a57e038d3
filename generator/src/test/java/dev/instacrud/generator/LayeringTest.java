package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers stay apart, as each package's {@code package-info.java} says: the model is plain Java, the reader knows
 * no rules, the rules build no model and emit nothing, each writer writes one kind of output without re-reading or
 * re-checking the spec, the output layer knows only files, and nothing below the top imports the facade. Outside the
 * generator, the CLI, the Maven plugin and the benchmarks use it only through {@link Instacrud} and the types its
 * public API hands out.
 */
class LayeringTest {

    private static final Path SRC = Path.of("src/main/java/dev/instacrud/generator");
    private static final String GEN = "dev.instacrud.generator.";
    private static final String JACKSON = "com.fasterxml";
    private static final String JAVAPOET = "com.palantir";
    private static final String FREEMARKER = "freemarker";
    private static final String MODEL = GEN + "model";
    private static final String SPEC = GEN + "spec";
    private static final String CHECK = GEN + "check";
    private static final String WRITER = GEN + "writer";
    private static final String JAVA = GEN + "writer.java";
    private static final String OPENAPI = GEN + "writer.openapi";
    private static final String PROJECT = GEN + "writer.project";
    private static final String SCHEMA = GEN + "writer.schema";
    private static final String OUTPUT = GEN + "output";
    private static final String DIFF = GEN + "diff";

    /** What each package (a folder under {@link #SRC}, "" for the top) must never import. */
    private static final Map<String, List<String>> NEVER = Map.ofEntries(
            Map.entry("", List.of(JACKSON, JAVAPOET, FREEMARKER)),
            Map.entry("model", List.of(JACKSON, JAVAPOET, FREEMARKER, SPEC, CHECK, WRITER, OUTPUT, DIFF)),
            Map.entry("spec", List.of(JAVAPOET, FREEMARKER, CHECK, WRITER, OUTPUT, DIFF)),
            Map.entry("check", List.of(JACKSON, JAVAPOET, FREEMARKER, WRITER, OUTPUT, DIFF)),
            Map.entry("diff", List.of(JACKSON, JAVAPOET, FREEMARKER, CHECK, WRITER, OUTPUT)),
            Map.entry("writer", List.of(JACKSON, JAVAPOET, FREEMARKER, SPEC, CHECK, OUTPUT, DIFF)),
            Map.entry("writer/java", List.of(FREEMARKER, SPEC, CHECK, OPENAPI, PROJECT, SCHEMA)),
            Map.entry("writer/openapi", List.of(JAVAPOET, FREEMARKER, SPEC, CHECK, JAVA, PROJECT, SCHEMA, DIFF)),
            Map.entry("writer/project", List.of(JAVAPOET, SPEC, CHECK, JAVA, OPENAPI, SCHEMA, DIFF)),
            Map.entry("writer/schema", List.of(JAVAPOET, FREEMARKER, SPEC, CHECK, JAVA, OPENAPI, PROJECT, DIFF)),
            Map.entry("output", List.of(JACKSON, JAVAPOET, FREEMARKER, MODEL, SPEC, CHECK, WRITER, DIFF)));

    /** The modules that use the generator, and the source folders whose imports are held to the facade. */
    private static final List<Path> USERS = Stream.of("cli", "maven-plugin", "bench")
            .flatMap(m -> Stream.of("src/main/java", "src/test/java").map(s -> Path.of("..", m, s)))
            .toList();

    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+?)(?:\\.\\*)?;$");

    @Test
    void everyPackageHasItsRulesAndItsPackageInfo() throws IOException {
        assertEquals(new TreeSet<>(NEVER.keySet()), packages(), "a new package needs its line in NEVER");
        for (String pkg : NEVER.keySet()) {
            assertTrue(
                    Files.isRegularFile(SRC.resolve(pkg).resolve("package-info.java")), pkg + " has no package-info");
        }
    }

    @Test
    void noPackageImportsWhatItMustNever() throws IOException {
        List<String> violations = new ArrayList<>();
        NEVER.forEach((pkg, forbidden) -> {
            for (Path file : javaFiles(SRC.resolve(pkg))) {
                for (String imported : imports(file)) {
                    for (String bad : forbidden) {
                        if (imported.equals(bad) || imported.startsWith(bad + ".")) {
                            violations.add(file + " imports " + imported);
                        }
                    }
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void onlyTheTopUsesTheFacade() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : NEVER.keySet()) {
            if (!pkg.isEmpty()) {
                for (Path file : javaFiles(SRC.resolve(pkg))) {
                    for (String imported : imports(file)) {
                        if (imported.matches("dev\\.instacrud\\.generator\\.[A-Z].*")) {
                            violations.add(file + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void cliPluginAndBenchmarksUseOnlyTheFacadeAndWhatItHandsOut() throws IOException {
        Set<String> api = api().stream().map(Class::getCanonicalName).collect(Collectors.toSet());
        assertTrue(api.containsAll(Set.of(
                GEN + "SpecResult", MODEL + ".ServiceModel", OUTPUT + ".OutputSync", OUTPUT + ".OutputException")));
        Map<String, String> violations = new TreeMap<>();
        int seen = 0;
        for (Path folder : USERS) {
            for (Path file : javaFilesUnder(folder)) {
                for (String imported : imports(file)) {
                    if (imported.startsWith(GEN)) {
                        seen++;
                        if (!api.contains(imported)) {
                            violations.put(file.toString(), imported);
                        }
                    }
                }
            }
        }
        assertTrue(seen > 10, "the modules were not found: " + USERS);
        assertEquals(Map.of(), violations, "go through Instacrud, or hand the type out from it");
    }

    /** The generator types reachable from Instacrud's public API: its signatures, and theirs, transitively. */
    private static Set<Class<?>> api() {
        Set<Class<?>> api = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Instacrud.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getName().startsWith(GEN) || !Modifier.isPublic(type.getModifiers()) || !api.add(type)) {
                continue;
            }
            List<Type> mentioned = new ArrayList<>();
            if (type.getGenericSuperclass() != null) {
                mentioned.add(type.getGenericSuperclass());
            }
            mentioned.addAll(List.of(type.getGenericInterfaces()));
            for (Method m : type.getMethods()) {
                mentioned.add(m.getGenericReturnType());
                mentioned.addAll(List.of(m.getGenericParameterTypes()));
                mentioned.addAll(List.of(m.getGenericExceptionTypes()));
            }
            for (Constructor<?> c : type.getConstructors()) {
                mentioned.addAll(List.of(c.getGenericParameterTypes()));
                mentioned.addAll(List.of(c.getGenericExceptionTypes()));
            }
            for (Field f : type.getFields()) {
                mentioned.add(f.getGenericType());
            }
            mentioned.forEach(t -> classes(t, todo));
        }
        return api;
    }

    private static void classes(Type type, Deque<Class<?>> out) {
        if (type instanceof Class<?> c) {
            out.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            classes(p.getRawType(), out);
            Stream.of(p.getActualTypeArguments()).forEach(t -> classes(t, out));
        } else if (type instanceof GenericArrayType a) {
            classes(a.getGenericComponentType(), out);
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .forEach(t -> classes(t, out));
        } else if (type instanceof TypeVariable<?> v) {
            // the raw bound only: E extends Enum<E> would go round forever
            Stream.of(v.getBounds())
                    .map(t -> t instanceof ParameterizedType p ? p.getRawType() : t)
                    .forEach(t -> classes(t, out));
        }
    }

    private static Set<String> packages() throws IOException {
        try (Stream<Path> walk = Files.walk(SRC)) {
            return walk.filter(Files::isDirectory)
                    .filter(d -> !javaFiles(d).isEmpty())
                    .map(d -> SRC.relativize(d).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The Java files directly in a package's folder. */
    private static List<Path> javaFiles(Path folder) {
        return list(folder, false);
    }

    /** The Java files in a folder and below it (none when it does not exist). */
    private static List<Path> javaFilesUnder(Path folder) {
        return list(folder, true);
    }

    private static List<Path> list(Path folder, boolean deep) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = deep ? Files.walk(folder) : Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types a file imports (the type of a static import). */
    private static List<String> imports(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                Matcher m = IMPORT.matcher(line.strip());
                if (m.matches()) {
                    String name = m.group(2);
                    out.add(m.group(1) == null ? name : name.substring(0, name.lastIndexOf('.')));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
