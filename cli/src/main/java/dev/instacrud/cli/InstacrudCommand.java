package dev.instacrud.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code instacrud} command. It only lists subcommands, each its own class; add new ones to
 * the {@code subcommands} list below. Exit codes: 0 done, 1 invalid spec, 2 usage error, 3 internal error.
 */
@Command(
        name = "instacrud",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Turns one YAML spec of entities (instacrud.yaml) into a secure CRUD service over MongoDB.",
        subcommands = {
            ValidateCommand.class,
            InitCommand.class,
            GenerateCommand.class,
            NewCommand.class,
            CheckCommand.class,
            DiffCommand.class,
            RunCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; the spec is valid",
            "1:the spec has errors, or the command refused",
            "2:usage error (missing file, bad option)",
            "3:internal error (run again with --verbose and report it)"
        },
        footer = "%nThe spec language: see docs/spec-reference.md.")
public final class InstacrudCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "On an internal error, also print the stack trace.")
    boolean verbose;

    /** A command line with instacrud's error handling; tests call {@code execute} on it in process. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new InstacrudCommand()));
    }

    /** Installs the handler that turns exceptions into one-line messages and exit code 3. */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler(new InternalErrorHandler());
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
