package dev.instacrud.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of a command line: exit code and both outputs. */
record Run(int code, String out, String err) {

    /** Runs {@code args} on the command line {@code main} would build for them. */
    static Run of(String... args) {
        return on(InstacrudCommand.commandLine(args), args);
    }

    static Run on(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
