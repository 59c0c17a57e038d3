package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud new SPEC --out DIR}: a Maven project that builds the service into one runnable jar. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Creates a Maven project for the service that builds into one runnable jar.",
            "It holds pom.xml (with the instacrud Maven plugin, which regenerates the sources from",
            "src/main/instacrud/instacrud.yaml on every build), README.md with curl examples, .gitignore, a copy",
            "of the spec and the service's own endpoints class to edit. `mvn package` then makes",
            "target/<name>-dev.jar (with the embedded MongoDB) and target/<name>.jar (without it, for production).",
            "Existing files are never overwritten. Exit code 0 when done, 1 when the spec has errors, 2 on a",
            "usage error."
        })
final class NewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The project folder to create.")
    Path out;

    @Mixin
    WriteOptions options;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        SpecFiles loaded = SpecFiles.load(specFile, spec.commandLine().getErr());
        if (loaded.model().isEmpty()) {
            return loaded.exitCode();
        }
        ServiceModel model = loaded.model().get();
        String specText = Files.readString(specFile, StandardCharsets.UTF_8);
        int code = options.write(spec.commandLine(), out, Instacrud.newProject(model, specText), model, started, true);
        if (code == ExitCodes.OK && !options.dryRun) {
            spec.commandLine()
                    .getOut()
                    .printf("Next: cd %s && mvn -q package && java -jar target/%s-dev.jar%n", out, model.name());
        }
        return code;
    }
}
