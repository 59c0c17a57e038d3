/**
 * The {@code instacrud} command line, with picocli: {@link InstacrudCommand} lists the subcommands ({@code new},
 * {@code init}, {@code validate}, {@code check}, {@code generate}, {@code run}), each its own {@code
 * Callable<Integer>}, and {@link Main} is one line; {@code run} compiles the generated service in memory and
 * starts it in this process ({@link ServiceLauncher}).
 *
 * <p>Must never: show a user a stack trace (one line, unless {@code --verbose}), exit with a code other than those
 * of {@link ExitCodes}, check or write generated code itself (the generator's pipeline does), or overwrite a file
 * the user owns.
 */
package dev.instacrud.cli;
