package dev.instacrud.generator.writer.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.palantir.javapoet.ClassName;
import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.runtime.GeneratedCodeApi;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime types generated code names are a visible API: every name in {@link RuntimeTypes} is a type that exists,
 * each of the runtime's is marked {@link GeneratedCodeApi}, and the generated code of the samples imports no runtime
 * type that is not listed there, and every listed one is used.
 */
class RuntimeTypesTest {
    private static final String RUNTIME = "dev.instacrud.runtime.";
    private static final Pattern IMPORT = Pattern.compile("(?m)^import ([\\w.]+);$");

    @Test
    void everyNameIsATypeThatExistsAndTheRuntimesAreMarked() throws Exception {
        List<ClassName> names = names();
        assertTrue(names.size() > 15, names.toString());
        for (ClassName name : names) {
            Class<?> type;
            try {
                type = Class.forName(name.reflectionName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(name + " is named by generated code but is not on the runtime's class path");
            }
            if (name.packageName().startsWith(RUNTIME)) {
                assertTrue(
                        type.isAnnotationPresent(GeneratedCodeApi.class),
                        name + " is named by generated code: mark it @GeneratedCodeApi");
            }
        }
    }

    @Test
    void generatedCodeNamesOnlyListedRuntimeTypesAndUsesEveryOne() throws IOException {
        Set<String> listed = new TreeSet<>();
        names().forEach(n -> listed.add(n.canonicalName()));
        Map<String, String> unlisted = new TreeMap<>();
        Set<String> used = new TreeSet<>();
        for (Path spec : specs()) {
            for (GeneratedFile file :
                    Instacrud.sources(Instacrud.load(spec).model().orElseThrow())) {
                Matcher m = IMPORT.matcher(file.content());
                while (m.find()) {
                    String imported = m.group(1);
                    if (listed.contains(imported)) {
                        used.add(imported);
                    } else if (imported.startsWith(RUNTIME)) {
                        unlisted.put(imported, file.relativePath());
                    }
                }
            }
        }
        assertEquals(Map.of(), unlisted, "runtime types imported by generated code but missing from RuntimeTypes");
        assertEquals(listed, used, "every name in RuntimeTypes is used by the generated code of some sample");
    }

    private static List<ClassName> names() {
        List<ClassName> names = new ArrayList<>();
        for (Field f : RuntimeTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ClassName.class) {
                try {
                    names.add((ClassName) f.get(null));
                } catch (IllegalAccessException e) {
                    fail(e);
                }
            }
        }
        return names;
    }

    private static List<Path> specs() throws IOException {
        Path samples = Path.of("").toAbsolutePath().resolveSibling("samples");
        try (Stream<Path> s = Files.list(samples)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
