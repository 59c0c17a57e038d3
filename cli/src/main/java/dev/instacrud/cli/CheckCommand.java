package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.diff.SpecDiff;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.CheckReport;
import java.io.IOException;
import java.io.PrintWriter;
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
            "With --previous, also says what changed since that spec, as `instacrud diff` does.",
            "Exit code 0 when DIR matches (and every change since --previous is compatible), 1 when it does not",
            "(a unified diff per differing file, then the missing and orphaned files), when a change since",
            "--previous needs a data migration or breaks API clients, or the spec has errors; 2 on a usage error."
        })
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder of committed sources.")
    Path out;

    @Option(
            names = "--previous",
            paramLabel = "OLD",
            description = "The spec the running service was generated from (e.g. from git show main:instacrud.yaml).")
    Path previous;

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
        int changes = previous == null ? ExitCodes.OK : changesSincePrevious();
        if (changes == ExitCodes.USAGE) {
            return changes;
        }
        CheckReport report;
        try {
            report = Instacrud.output().check(out, Instacrud.sources(model));
        } catch (IOException e) {
            spec.commandLine().getErr().println("instacrud: cannot read " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (report.isClean()) {
            spec.commandLine().getOut().println(out + ": up to date with " + specFile);
            return changes;
        }
        spec.commandLine().getOut().print(report.describe());
        spec.commandLine().getOut().flush();
        spec.commandLine()
                .getErr()
                .println(
                        "instacrud: " + out + " is stale: run `instacrud generate " + specFile + " --out " + out + "`");
        return ExitCodes.INVALID;
    }

    // What changed since the previous spec, as `instacrud diff` prints it: OK when every change is compatible,
    // INVALID when one needs a data migration or breaks API clients, USAGE when the specs cannot be compared.
    private int changesSincePrevious() {
        PrintWriter err = spec.commandLine().getErr();
        SpecDiff diff =
                DiffCommand.compare(previous, specFile, spec.commandLine().getOut(), err);
        if (diff == null) {
            return ExitCodes.USAGE;
        }
        if (diff.exitCode() == SpecDiff.COMPATIBLE) {
            return ExitCodes.OK;
        }
        err.println("instacrud: a change since " + previous
                + " needs a data migration or breaks API clients (see above; `instacrud diff " + previous + " "
                + specFile + " --propose PROJECT` proposes the migrations)");
        return ExitCodes.INVALID;
    }
}
