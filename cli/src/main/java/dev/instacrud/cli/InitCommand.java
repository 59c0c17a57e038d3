package dev.instacrud.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud init [DIR]}: a commented starter {@code instacrud.yaml}; never overwrites one. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes a commented starter instacrud.yaml into DIR (default: the current folder).",
            "Refuses (exit 1) when DIR already has one."
        })
final class InitCommand implements Callable<Integer> {

    static final String FILE_NAME = "instacrud.yaml";

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "The folder to write it to; created when missing.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = dir.resolve(FILE_NAME);
        if (Files.exists(target)) {
            err.println("instacrud: " + target + " already exists; not overwriting it");
            return ExitCodes.INVALID;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            err.println("instacrud: " + dir + " is not a folder");
            return ExitCodes.USAGE;
        }
        String name = serviceName(dir);
        String text =
                starter().replace("{{name}}", name).replace("{{package}}", "com.example." + name.replace("-", ""));
        try {
            Files.createDirectories(dir);
            // CREATE_NEW: never overwrite, even a file that appeared since the check above
            Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            err.println("instacrud: cannot write " + target + ": " + e);
            return ExitCodes.INVALID;
        }
        out.println("wrote " + target);
        out.println("next: " + Launcher.command() + " validate " + target);
        return ExitCodes.OK;
    }

    /** The folder's name when it makes a valid service name and package, else my-service. */
    static String serviceName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String candidate = name == null
                ? ""
                : name.toString()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-+|-+$", "");
        boolean ok = candidate.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")
                && SourceVersion.isName("com.example." + candidate.replace("-", ""));
        return ok ? candidate : "my-service";
    }

    private static String starter() throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream("starter.yaml")) {
            if (in == null) {
                throw new IOException("starter.yaml missing from the instacrud jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
