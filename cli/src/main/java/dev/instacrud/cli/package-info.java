/**
 * The {@code instacrud} command line, with picocli: {@link InstacrudCommand} lists the subcommands ({@code new},
 * {@code init}, {@code validate}, {@code check}, {@code generate}, {@code run}), each its own {@code
 * Callable<Integer>}, and {@link Main} runs the command line; {@code run} compiles the generated service in memory,
 * or reads the classes it compiled earlier for the same spec on the same tool from the data folder ({@link
 * RunCache}), and starts it in this process ({@link ServiceLauncher}).
 *
 * <p>Must never: show a user a stack trace (one line, unless {@code --verbose}), exit with a code other than those
 * of {@link ExitCodes}, check or write generated code itself (the generator's pipeline does), overwrite a file
 * the user owns, or run classes compiled from another spec or by another tool.
 */
package dev.instacrud.cli;
