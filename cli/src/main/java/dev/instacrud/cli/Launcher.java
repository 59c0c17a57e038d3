package dev.instacrud.cli;

/**
 * How the user started this command line, so a printed next step works as typed: the launchers pass it as the
 * system property {@code instacrud.command} ({@code ./instacrud} in a checkout, {@code instacrud} from the
 * release archive on the PATH); {@code instacrud} when it is missing ({@code java -jar}).
 */
final class Launcher {
    static final String PROPERTY = "instacrud.command";

    private Launcher() {}

    static String command() {
        String command = System.getProperty(PROPERTY);
        // only a plain path: it is printed for the user to type again
        return command != null && command.matches("[A-Za-z0-9_./~-]{1,200}") ? command : "instacrud";
    }
}
