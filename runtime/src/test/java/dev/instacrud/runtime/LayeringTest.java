package dev.instacrud.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages form layers: each may use only the packages listed for it below, which are all
 * further up the list, so no import runs back up and there is no cycle. Each package's {@code
 * package-info.java} states the same list ("May use: ...") and what the package must never do. A new
 * package, or a new dependency between packages, is a decision: add it here and in its package-info first.
 */
class LayeringTest {
    private static final String ROOT = "dev.instacrud.runtime";
    private static final Path SOURCES = Path.of("src/main/java/dev/instacrud/runtime");

    /** Package → the runtime packages it may use, from the foundations up to the composition root. */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("error", Set.of());
        MAY_USE.put("context", Set.of());
        MAY_USE.put("log", Set.of());
        MAY_USE.put("config", Set.of());
        MAY_USE.put("store", Set.of());
        MAY_USE.put("expiry", Set.of());
        MAY_USE.put("mapping", Set.of());
        MAY_USE.put("metrics", Set.of());
        MAY_USE.put("mail", Set.of("config", "log"));
        MAY_USE.put("audit", Set.of("context", "error", "log"));
        MAY_USE.put("json", Set.of("error"));
        MAY_USE.put("query", Set.of("error", "mapping"));
        MAY_USE.put("validation", Set.of("error", "mapping"));
        MAY_USE.put("tenant", Set.of("config", "error", "query"));
        MAY_USE.put("data", Set.of("audit", "config", "context", "error", "query", "store", "tenant"));
        MAY_USE.put("ratelimit", Set.of("config"));
        MAY_USE.put("turnstile", Set.of("error", "json", "log"));
        MAY_USE.put("http", Set.of("config", "context", "error", "json", "log", "metrics", "ratelimit"));
        MAY_USE.put(
                "auth",
                Set.of("audit", "context", "error", "http", "log", "mail", "metrics", "ratelimit", "turnstile"));
        MAY_USE.put("oauth", Set.of("audit", "auth", "config", "context", "error", "http", "json", "log", "metrics"));
        MAY_USE.put("admin", Set.of("config", "context", "data", "error", "http"));
        MAY_USE.put("app", Set.copyOf(MAY_USE.keySet())); // the composition root: every other package
    }

    static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a cycle ties packages together so neither can be read or changed alone")
                .check(runtime);
    }

    @Test
    void eachPackageUsesOnlyWhatItsLayerAllows() {
        for (Map.Entry<String, Set<String>> row : MAY_USE.entrySet()) {
            String[] forbidden = MAY_USE.keySet().stream()
                    .filter(other ->
                            !other.equals(row.getKey()) && !row.getValue().contains(other))
                    .map(other -> ROOT + "." + other + "..")
                    .toArray(String[]::new);
            if (forbidden.length == 0) {
                continue;
            }
            noClasses()
                    .that()
                    .resideInAPackage(ROOT + "." + row.getKey() + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(forbidden)
                    .because(row.getKey() + " may use only " + row.getValue())
                    .check(runtime);
        }
    }

    @Test
    void everyPackageHasItsPlaceInTheTable() {
        Set<String> packages = runtime.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT + "."))
                .map(name -> name.substring(ROOT.length() + 1).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(MAY_USE.keySet()), packages);
    }

    @Test
    void theTableRunsBottomUp() {
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<String, Set<String>> row : MAY_USE.entrySet()) {
            for (String used : row.getValue()) {
                assertTrue(seen.contains(used), row.getKey() + " uses " + used + ", listed after it");
            }
            seen.add(row.getKey());
        }
    }

    @Test
    void eachPackageInfoStatesItsRow() throws IOException {
        for (Map.Entry<String, Set<String>> row : MAY_USE.entrySet()) {
            Path info = SOURCES.resolve(row.getKey()).resolve("package-info.java");
            assertTrue(Files.exists(info), info + " is missing");
            String source = Files.readString(info);
            String text = source.substring(0, source.indexOf("*/")).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
            assertTrue(text.contains("<p>Must never: "), info + " says nothing of what the package must never do");
            Matcher mayUse = Pattern.compile("<p>May use: (.*?)\\s*(<p>|$)").matcher(text);
            assertTrue(mayUse.find(), info + " has no \"May use:\" paragraph");
            Set<String> stated = new TreeSet<>();
            Matcher names = Pattern.compile("\\{@code (\\w+)}").matcher(mayUse.group(1));
            while (names.find()) {
                stated.add(names.group(1));
            }
            if (mayUse.group(1).startsWith("every other runtime package")) {
                stated.addAll(row.getValue());
            }
            assertEquals(new TreeSet<>(row.getValue()), stated, info.toString());
        }
    }
}
