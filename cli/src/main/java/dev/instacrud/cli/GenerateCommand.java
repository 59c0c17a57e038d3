package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud generate SPEC --out DIR}: the service's sources only, for a CI step or another build tool. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes the Java sources (and openapi.json) of the service a spec describes into DIR.",
            "Only files instacrud generated and nobody edited are rewritten or removed; the rest is reported.",
            "Exit code 0 when done, 1 when the spec has errors or a write failed (DIR is then unchanged),",
            "2 on a usage error."
        })
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The source folder to write.")
    Path out;

    @Mixin
    WriteOptions options;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        SpecFiles loaded = SpecFiles.load(specFile, spec.commandLine().getErr());
        if (loaded.model().isEmpty()) {
            return loaded.exitCode();
        }
        ServiceModel model = loaded.model().get();
        List<GeneratedFile> files = Instacrud.sources(model);
        return options.write(spec.commandLine(), out, files, model, started, false);
    }
}
