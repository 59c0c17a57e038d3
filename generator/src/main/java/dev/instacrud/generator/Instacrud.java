package dev.instacrud.generator;

import dev.instacrud.generator.check.Checker;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.generator.spec.Diagnostic;
import dev.instacrud.generator.spec.ModelBuilder;
import dev.instacrud.generator.spec.SpecReader;
import dev.instacrud.generator.writer.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The one entry point: the command line, the Maven plugin and CI all load specs here. Loading reads the
 * YAML with positions, runs every checker rule, and builds the model only when nothing is wrong. It never
 * throws on bad spec content; only an unreadable file is an exception.
 */
public final class Instacrud {

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
     * document, paths relative to a source root. The CLI, the Maven plugin and {@code check} all call this.
     */
    public static List<GeneratedFile> sources(ServiceModel model) {
        return SourceWriter.write(model);
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
