package dev.instacrud.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud validate SPEC}: every problem of a spec, one {@code FILE:LINE:COL: error: MESSAGE} per line. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Checks a spec and reports every problem, sorted by position, on standard error.",
            "Exit code 0 when valid, 1 when it has errors, 2 when the file cannot be read."
        })
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
    Path specFile;

    @Override
    public Integer call() {
        SpecFiles loaded = SpecFiles.load(specFile, spec.commandLine().getErr());
        loaded.model()
                .ifPresent(model ->
                        spec.commandLine().getOut().println(specFile + ": valid (" + SpecFiles.entities(model) + ")"));
        return loaded.exitCode();
    }
}
