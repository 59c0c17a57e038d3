package dev.instacrud.cli;

/** The {@code instacrud} command line: see {@link InstacrudCommand}. */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(InstacrudCommand.commandLine().execute(args));
    }
}
