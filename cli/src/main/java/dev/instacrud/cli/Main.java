package dev.instacrud.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code instacrud} command line: see {@link InstacrudCommand}. */
public final class Main {
    /**
     * Set by the launcher when this run records a class-data archive at exit (the archive's path): a run that
     * failed saw only part of its command, so it marks the archive {@code PATH.failed} for the launcher to drop.
     */
    static final String CDS_ARCHIVE = "instacrud.cds.archive";

    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // No Groovy closures in our annotations: without this picocli looks for groovy.lang.Closure, and a class
        // that is nowhere makes the JVM open every jar of the class path, the runtime's 33 included.
        System.setProperty("picocli.disable.closures", "true");
        int code = InstacrudCommand.commandLine(args).execute(args);
        String archive = System.getProperty(CDS_ARCHIVE);
        if (code != ExitCodes.OK && archive != null) {
            try {
                Files.write(Path.of(archive + ".failed"), new byte[0]);
            } catch (IOException e) {
                // the archive is then kept: it only makes later runs load some classes from the jars
            }
        }
        System.exit(code);
    }
}
