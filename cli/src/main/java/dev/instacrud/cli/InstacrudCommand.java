package dev.instacrud.cli;

import java.util.List;
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
 * {@link #SUBCOMMANDS} and {@link #subcommand}. Exit codes: 0 done, 1 invalid spec, 2 usage error, 3 internal error.
 */
@Command(
        name = "instacrud",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Turns one YAML spec of entities (instacrud.yaml) into a secure CRUD service over MongoDB.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; the spec is valid",
            "1:the spec has errors, or the command refused",
            "2:usage error (missing file, bad option)",
            "3:internal error (run again with --verbose and report it)"
        },
        footer = "%nThe spec language: see docs/spec-reference.md.")
public final class InstacrudCommand implements Callable<Integer> {

    /** Every subcommand, in the order the usage lists them; {@link #subcommand} makes each. */
    private static final List<String> SUBCOMMANDS =
            List.of("validate", "init", "generate", "new", "check", "diff", "run", "generate-completion", "help");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "On an internal error, also print the stack trace.")
    boolean verbose;

    /** A command line with every subcommand and instacrud's error handling; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line {@code main} runs for {@code args}: when they name a subcommand (after {@code --verbose} at
     * most), only that one is set up, since picocli builds the model of every registered command by reflection
     * before parsing (a sixth of a short run with all eight); otherwise all of them, so that usage, {@code help},
     * completion and suggestions for a mistyped name see every one.
     */
    public static CommandLine commandLine(String[] args) {
        int first = args.length > 0 && args[0].equals("--verbose") ? 1 : 0;
        String name = first < args.length ? args[first] : "";
        boolean alone = SUBCOMMANDS.contains(name) && !name.equals("help") && !name.equals("generate-completion");
        return alone ? commandLine(List.of(name)) : commandLine();
    }

    private static CommandLine commandLine(List<String> names) {
        CommandLine commandLine = new CommandLine(new InstacrudCommand());
        for (String name : names) {
            commandLine.addSubcommand(name, subcommand(name));
        }
        return configure(commandLine);
    }

    // A switch rather than a table of constructor references: a class is loaded only when its command is made
    // (RunCommand alone loads part of the runtime).
    private static Object subcommand(String name) {
        return switch (name) {
            case "validate" -> new ValidateCommand();
            case "init" -> new InitCommand();
            case "generate" -> new GenerateCommand();
            case "new" -> new NewCommand();
            case "check" -> new CheckCommand();
            case "diff" -> new DiffCommand();
            case "run" -> new RunCommand();
            case "generate-completion" -> new AutoComplete.GenerateCompletion();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
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
