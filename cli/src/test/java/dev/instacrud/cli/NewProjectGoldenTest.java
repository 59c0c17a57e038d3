package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.Instacrud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Maven plugin's invoker builds {@code maven-plugin/src/it/new-<sample>} build and start exactly the
 * project {@code instacrud new} makes for each sample, so those folders must be its output byte for byte, but
 * for the instacrud version, which the invoker fills in ({@code @project.version@}). Run with
 * {@code -Dgolden.update=true} to rewrite them after a deliberate change to the templates.
 */
class NewProjectGoldenTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path ITS = ROOT.resolve("maven-plugin/src/it");
    /** The invoker's own files in each IT folder: not part of the project. */
    private static final Set<String> IT_FILES = Set.of("invoker.properties", "verify.groovy");

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"tasks", "crm", "clinic"})
    void invokerProjectIsWhatNewMakes(String sample) throws IOException {
        Path out = temp.resolve(sample);
        Run r = Run.of("new", ROOT.resolve("samples/" + sample + ".yaml").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(": 5 created, 0 updated, 0 deleted, 0 unchanged, 0 kept"), r.out());

        Map<String, String> made = projectFiles(out, Set.of());
        String endpoints = made.keySet().stream()
                .filter(p -> p.startsWith(Instacrud.SOURCE_ROOT) && p.endsWith("Endpoints.java"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no endpoints class in " + made.keySet()));
        assertEquals(
                Set.of("pom.xml", "README.md", ".gitignore", Instacrud.PROJECT_SPEC_PATH, endpoints), made.keySet());
        made.put("pom.xml", tokenised(made.get("pom.xml")));

        Path it = ITS.resolve("new-" + sample);
        if (UPDATE) {
            for (String stale : projectFiles(it, IT_FILES).keySet()) {
                Files.delete(it.resolve(stale));
            }
            for (Map.Entry<String, String> f : made.entrySet()) {
                Files.createDirectories(it.resolve(f.getKey()).getParent());
                Files.writeString(it.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> committed = projectFiles(it, IT_FILES);
        assertEquals(made.keySet(), committed.keySet(), it + " (-Dgolden.update=true rewrites it)");
        for (String path : made.keySet()) {
            assertEquals(made.get(path), committed.get(path), it.resolve(path) + " (-Dgolden.update=true rewrites it)");
        }
    }

    @Test
    void newNeverOverwritesAnExistingFile() throws IOException {
        Path out = temp.resolve("mine");
        Files.createDirectories(out);
        String mine = "# my own README\n";
        Files.writeString(out.resolve("README.md"), mine, StandardCharsets.UTF_8);

        Run r = Run.of("new", ROOT.resolve("samples/tasks.yaml").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(mine, Files.readString(out.resolve("README.md"), StandardCharsets.UTF_8));
        // the rest is written, and the summary counts the README as kept
        assertTrue(r.out().contains(": 4 created, 0 updated, 0 deleted, 0 unchanged, 1 kept"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("pom.xml")));
        assertEquals(
                Files.readString(ROOT.resolve("samples/tasks.yaml"), StandardCharsets.UTF_8),
                Files.readString(out.resolve(Instacrud.PROJECT_SPEC_PATH), StandardCharsets.UTF_8));

        // a second run over the whole project changes nothing
        String pom = Files.readString(out.resolve("pom.xml"), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("pom.xml"), pom + "<!-- edited -->\n", StandardCharsets.UTF_8);
        Run again = Run.of("new", ROOT.resolve("samples/tasks.yaml").toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains(": 0 created, 0 updated, 0 deleted, 0 unchanged, 5 kept"), again.out());
        assertEquals(pom + "<!-- edited -->\n", Files.readString(out.resolve("pom.xml"), StandardCharsets.UTF_8));
        assertEquals(mine, Files.readString(out.resolve("README.md"), StandardCharsets.UTF_8));
    }

    /** The pom with the instacrud version replaced by the token the invoker filters. */
    private static String tokenised(String pom) {
        String version = "<instacrud.version>" + Instacrud.version() + "</instacrud.version>";
        assertEquals(1, pom.split(Pattern.quote(version), -1).length - 1, pom);
        return pom.replace(version, "<instacrud.version>@project.version@</instacrud.version>");
    }

    /**
     * Relative path to content of every file of a project folder, leaving out instacrud's bookkeeping
     * ({@code .instacrud/}), build output and the given invoker files.
     */
    private static Map<String, String> projectFiles(Path dir, Set<String> invokerFiles) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".instacrud/") || rel.startsWith("target/") || invokerFiles.contains(rel)) {
                    continue;
                }
                files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
