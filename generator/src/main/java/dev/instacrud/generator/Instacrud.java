package dev.instacrud.generator;

import dev.instacrud.generator.check.Checker;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.generator.output.OutputSync;
import dev.instacrud.generator.output.Ownership;
import dev.instacrud.generator.spec.Diagnostic;
import dev.instacrud.generator.spec.ModelBuilder;
import dev.instacrud.generator.spec.SpecReader;
import dev.instacrud.generator.writer.java.JavaWriter;
import dev.instacrud.generator.writer.openapi.OpenApiWriter;
import dev.instacrud.generator.writer.project.ProjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ForkJoinTask;

/**
 * The generator's one entry point: the command line, the Maven plugin and CI call only this class, and use only
 * the values it hands out ({@link SpecResult} with its model and diagnostics, {@link GeneratedFile}s, and the {@link
 * OutputSync} with its plans, results and reports). {@code LayeringTest} holds them to that, so the reader, the rules
 * and the writers stay free to change.
 *
 * <p>The pipeline: {@link #load} reads the YAML with positions, runs every checker rule, and builds the model only
 * when nothing is wrong; it never throws on bad spec content, only an unreadable file is an exception. {@link
 * #sources} and {@link #newProject} write in memory; {@link #output()} puts files on disk, or compares them.
 */
public final class Instacrud {

    /** Where {@link #newProject} puts the spec in a project; the Maven plugin reads it from there. */
    public static final String PROJECT_SPEC_PATH = ProjectWriter.SPEC_PATH;

    /** Where a new project keeps its own sources, as Maven does. */
    public static final String SOURCE_ROOT = "src/main/java/";

    private static final String VERSION = readVersion();

    private Instacrud() {}

    /**
     * Loads a spec file; diagnostics name it as given.
     *
     * @throws IOException when the file cannot be read (missing, a directory, no permission)
     */
    public static SpecResult load(Path spec) throws IOException {
        // lenient decoding: a stray byte is reported as what it is in the YAML, not as an I/O failure
        String text = new String(Files.readAllBytes(spec), StandardCharsets.UTF_8);
        return load(spec.toString(), text);
    }

    /** Loads spec text; {@code fileName} only labels the diagnostics and the model's source. */
    public static SpecResult load(String fileName, String yamlText) {
        SpecReader.Result read = SpecReader.read(fileName, yamlText);
        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        boolean syntaxError = diagnostics.stream().anyMatch(d -> d.ruleId().equals(SpecReader.SYNTAX));
        if (!syntaxError) {
            diagnostics.addAll(Checker.check(fileName, read.root()));
        }
        diagnostics.sort(Diagnostic.ORDER);
        if (!diagnostics.isEmpty()) {
            return new SpecResult(diagnostics, Optional.empty());
        }
        ServiceModel model = ModelBuilder.build(fileName, read.root().orElseThrow());
        return new SpecResult(diagnostics, Optional.of(model));
    }

    /**
     * Every file the generator writes for a checked model, in memory: the Java sources and the OpenAPI
     * document beside the application class, paths relative to a source root. The CLI, the Maven plugin and
     * {@code check} all call this.
     */
    public static List<GeneratedFile> sources(ServiceModel model) {
        // the document is written beside the Java sources, on another core when there is one (in the caller's
        // fork-join pool, else the common pool, like the writers' parallel stream)
        ForkJoinTask<String> openApi =
                ForkJoinTask.adapt(() -> OpenApiWriter.write(model)).fork();
        List<GeneratedFile> files = new ArrayList<>(JavaWriter.write(model));
        files.add(GeneratedFile.generated(JavaWriter.openApiPath(model), openApi.join()));
        return files;
    }

    /**
     * The files of a new Maven project for a checked model (what {@code instacrud new} writes): its pom, which runs
     * the Maven plugin, a README with curl examples, a .gitignore, {@code specText} at {@link #PROJECT_SPEC_PATH},
     * and under {@code src/main/java} the starting point of the service's own routes class. All are the user's:
     * created once, never overwritten.
     */
    public static List<GeneratedFile> newProject(ServiceModel model, String specText) {
        List<GeneratedFile> files = new ArrayList<>(ProjectWriter.write(model, specText, VERSION));
        for (GeneratedFile file : JavaWriter.write(model)) {
            if (file.ownership() == Ownership.USER_OWNED) {
                files.add(GeneratedFile.userOwned(SOURCE_ROOT + file.relativePath(), file.content()));
            }
        }
        return files;
    }

    /** Writes files into a folder, plans dry runs and finds drift, recording this generator's version. */
    public static OutputSync output() {
        return new OutputSync(VERSION);
    }

    /** The generator's version, recorded in manifests so a new generator regenerates. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = Instacrud.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is a broken jar: report the version as unknown rather than fail
        }
        return p.getProperty("version", "unknown");
    }

    /** The ids of the checker's rules plus the reader's, for docs and tests. */
    public static List<String> ruleIds() {
        List<String> ids = new ArrayList<>(List.of(SpecReader.SYNTAX, SpecReader.DUPLICATE_KEY));
        ids.addAll(Checker.ruleIds());
        return ids;
    }
}
