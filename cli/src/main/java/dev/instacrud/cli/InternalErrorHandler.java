package dev.instacrud.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Users see one line for a bug in instacrud; the stack trace only with {@code --verbose}. */
final class InternalErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("instacrud: internal error: " + ex);
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        } else {
            err.println("instacrud: run again with --verbose for details, and please report it");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
