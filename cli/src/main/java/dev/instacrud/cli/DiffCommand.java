package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.diff.SpecDiff;
import dev.instacrud.generator.output.GeneratedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code instacrud diff OLD NEW [--propose PROJECT]}: what changed between two specs, and what each change means for
 * stored data and API clients; with {@code --propose}, writes a proposed migration for the changes that need one.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compares two specs and says what each change means for stored data and for API clients.",
            "Each change is printed at its place in NEW as compatible, needs data migration (stored documents",
            "must change before the new version serves them) and/or breaks API clients.",
            "Exit code 0 when every change is compatible, 1 when one needs a migration or breaks clients,",
            "2 when a file is missing or a spec is invalid (nothing compared)."
        })
final class DiffCommand implements Callable<Integer> {
    /** Where the runtime finds migrations, under a project's resources. */
    static final String SERVICES = "META-INF/services/dev.instacrud.runtime.data.Migration";

    private static final Pattern NUMBER = Pattern.compile("V([0-9]{1,9})__(\\w+)\\.java");

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "OLD",
            description = "The spec as it was (e.g. from git show main:instacrud.yaml).")
    Path oldSpec;

    @Parameters(index = "1", paramLabel = "NEW", description = "The spec as it is now.")
    Path newSpec;

    @Option(
            names = "--propose",
            paramLabel = "PROJECT",
            description = {
                "Write a proposed migration for each entity whose stored documents must change, into",
                "PROJECT/src/main/java/<package>/migrations (a file that exists is never touched), and list it in",
                "PROJECT/src/main/resources/" + SERVICES + "."
            })
    Path project;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpecDiff diff = compare(oldSpec, newSpec, out, err);
        if (diff == null) {
            return ExitCodes.USAGE;
        }
        if (project != null && !diff.needingMigration().isEmpty()) {
            try {
                propose(diff, out);
            } catch (IOException e) {
                err.println("instacrud: cannot write the proposals into " + project + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        return diff.exitCode();
    }

    private void propose(SpecDiff diff, PrintWriter out) throws IOException {
        var model = Instacrud.load(newSpec).model().orElseThrow();
        Path sources = project.resolve("src/main/java");
        Path folder = sources.resolve(model.javaPackage().replace('.', '/')).resolve("migrations");
        Set<String> proposed = new HashSet<>();
        int next = 2; // 1 is the first spec
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Matcher m = NUMBER.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
                        proposed.add(m.group(2));
                    }
                }
            }
        }
        List<GeneratedFile> proposals = Instacrud.proposeMigrations(model, diff, next, proposed);
        Path services = project.resolve("src/main/resources").resolve(SERVICES);
        List<String> listed =
                Files.exists(services) ? Files.readAllLines(services, StandardCharsets.UTF_8) : new ArrayList<>();
        List<String> toList = new ArrayList<>();
        for (GeneratedFile proposal : proposals) {
            Path file = sources.resolve(proposal.relativePath());
            String className =
                    proposal.relativePath().replaceAll("\\.java$", "").replace('/', '.');
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                out.println("kept " + file + " (it exists: proposals are written once)");
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, proposal.content(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                out.println("proposed " + file);
            }
            if (listed.stream().noneMatch(line -> line.trim().equals(className))) {
                toList.add(className);
            }
        }
        if (!toList.isEmpty()) {
            Files.createDirectories(services.getParent());
            String lines = String.join("\n", toList) + "\n";
            boolean endsWithNewline =
                    !Files.exists(services) || Files.readString(services).endsWith("\n") || Files.size(services) == 0;
            Files.writeString(
                    services,
                    (endsWithNewline ? "" : "\n") + lines,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            out.println("listed " + String.join(", ", toList) + " in " + services);
        }
        out.println("Read each proposal before the next start: what only you can decide throws until you write it.");
    }

    /**
     * Compares two spec files and prints each change to {@code out}; null, with the reason on {@code err}, when a
     * file cannot be read or a spec is invalid (nothing compared). Also {@code check --previous}'s comparison.
     */
    static SpecDiff compare(Path oldSpec, Path newSpec, PrintWriter out, PrintWriter err) {
        String before;
        String after;
        try {
            before = read(oldSpec);
            after = read(newSpec);
        } catch (IOException e) {
            err.println("instacrud: " + e.getMessage());
            return null;
        }
        SpecDiff diff = Instacrud.diff(oldSpec.toString(), before, newSpec.toString(), after);
        if (!diff.problems().isEmpty()) {
            diff.problems().forEach(err::println);
            err.println("instacrud: nothing compared: a spec is invalid");
            return null;
        }
        diff.formatted().forEach(out::println);
        return diff;
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
