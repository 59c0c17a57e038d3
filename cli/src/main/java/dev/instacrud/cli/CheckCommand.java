package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.CheckReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud check SPEC --out DIR}: whether committed generated code still matches its spec (for CI). */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Regenerates in memory and compares with DIR; writes nothing.",
            "Exit code 0 when DIR matches, 1 when it does not (a unified diff per differing file, then the",
            "missing and orphaned files) or the spec has errors, 2 on a usage error."
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder of committed sources.")
    Path out;

    @Override
    public Integer call() {
        SpecFiles loaded = SpecFiles.load(specFile, spec.commandLine().getErr());
        if (loaded.model().isEmpty()) {
            return loaded.exitCode();
        }
        if (!Files.isDirectory(out)) {
            spec.commandLine().getErr().println("instacrud: no such folder: " + out);
            return ExitCodes.USAGE;
        }
        ServiceModel model = loaded.model().get();
        CheckReport report;
        try {
            report = Instacrud.output().check(out, Instacrud.sources(model));
        } catch (IOException e) {
            spec.commandLine().getErr().println("instacrud: cannot read " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (report.isClean()) {
            spec.commandLine().getOut().println(out + ": up to date with " + specFile);
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().print(report.describe());
        spec.commandLine().getOut().flush();
        spec.commandLine()
                .getErr()
                .println(
                        "instacrud: " + out + " is stale: run `instacrud generate " + specFile + " --out " + out + "`");
        return ExitCodes.INVALID;
    }
}
