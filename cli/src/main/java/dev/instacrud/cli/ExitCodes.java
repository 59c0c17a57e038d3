package dev.instacrud.cli;

/** The exit codes of every subcommand. */
final class ExitCodes {
    /** Done; the spec is valid. */
    static final int OK = 0;
    /** The spec has errors, or the command refused (e.g. init over an existing file). */
    static final int INVALID = 1;
    /** Usage error: missing file, bad option or argument. */
    static final int USAGE = 2;
    /** A bug in instacrud itself; {@code --verbose} shows the stack trace. */
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
