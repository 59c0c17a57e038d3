package dev.instacrud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line run in process: exit codes, messages, and files it writes. */
class CliTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SAMPLES = ROOT.resolve("samples");

    private static List<Path> yamlIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void validSamplesExitZero() throws IOException {
        for (Path p : yamlIn(SAMPLES)) {
            Run r = Run.of("validate", p.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains(": valid ("), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void invalidSamplesExitOneWithTheGoldenMessages() throws IOException {
        List<Path> invalid = yamlIn(SAMPLES.resolve("invalid"));
        assertFalse(invalid.isEmpty());
        for (Path p : invalid) {
            String shown = "samples/invalid/" + p.getFileName();
            Run r = Run.of("validate", p.toString());
            // the goldens name the file as the launcher, run from the repository root, shows it
            Run fromRoot = new Run(r.code(), r.out(), r.err().replace(p.toString(), shown));
            String golden = Files.readString(Path.of(p.toString().replaceAll("\\.yaml$", ".expected")))
                    .strip();
            assertEquals(1, r.code(), p.toString());
            assertEquals(golden, fromRoot.err().strip().replace("\r\n", "\n"), p.toString());
            assertEquals("", r.out());
        }
    }

    @Test
    void missingFileIsAUsageError(@TempDir Path tmp) {
        Run r = Run.of("validate", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("instacrud: no such file: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badOptionsAndMissingArgumentsAreUsageErrors() {
        assertEquals(2, Run.of("validate").code());
        assertEquals(2, Run.of("validate", "--frobnicate", "x.yaml").code());
        assertEquals(2, Run.of("frobnicate").code());
        Run bare = Run.of();
        assertEquals(2, bare.code());
        assertTrue(bare.err().contains("validate"), bare.err());
    }

    @Test
    void helpEverywhere() {
        Run top = Run.of("--help");
        assertEquals(0, top.code());
        for (String sub : new String[] {"validate", "init", "generate-completion"}) {
            assertTrue(top.out().contains(sub) || sub.equals("generate-completion"), top.out());
            Run r = Run.of(sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().startsWith("Usage: instacrud " + sub), r.out());
        }
        assertTrue(top.out().contains("Exit codes:"), top.out());
    }

    @Test
    void aCommandLineForOneSubcommandBehavesAsTheFullOne() {
        String tasks = SAMPLES.resolve("tasks.yaml").toString();
        String[][] cases = {
            {},
            {"--help"},
            {"--version"},
            {"generate", "--help"},
            {"run", "--help"},
            {"--verbose", "validate", "--help"},
            {"validate"},
            {"validate", tasks},
            {"validate", "--frobnicate", tasks},
            {"frobnicate"},
            {"generat"},
            {"help", "generate"},
            {"generate-completion"}
        };
        for (String[] args : cases) {
            Run full = Run.on(InstacrudCommand.commandLine(), args);
            Run fitted = Run.on(InstacrudCommand.commandLine(args), args);
            assertEquals(full, fitted, String.join(" ", args));
        }
        assertEquals(
                List.of("validate"),
                List.copyOf(InstacrudCommand.commandLine(new String[] {"--verbose", "validate", tasks})
                        .getSubcommands()
                        .keySet()));
        assertEquals(
                8,
                InstacrudCommand.commandLine(new String[] {"help"})
                        .getSubcommands()
                        .size());
    }

    @Test
    void versionNamesTheBuild() {
        Run r = Run.of("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("instacrud 0."), r.out());
        assertFalse(r.out().contains("${"), r.out());
    }

    @Test
    void completionScriptIsGenerated() {
        Run r = Run.of("generate-completion");
        assertEquals(0, r.code());
        assertTrue(
                r.out().contains("complete -F"),
                r.out().substring(0, Math.min(200, r.out().length())));
        assertTrue(r.out().contains("validate"));
    }

    @Test
    void initWritesAValidStarterAndNeverOverwrites(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("Pet Shop");
        Run r = Run.of("init", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path written = dir.resolve("instacrud.yaml");
        String text = Files.readString(written);
        assertTrue(text.contains("name: pet-shop"), text);
        assertTrue(text.contains("package: com.example.petshop"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("#")), "starter is commented");
        assertEquals(0, Run.of("validate", written.toString()).code());

        Files.writeString(written, "# mine\n");
        Run again = Run.of("init", dir.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals("# mine\n", Files.readString(written));
    }

    @Test
    void theCommandListShowsEachSubcommandsFirstSentenceWhole() {
        Run help = Run.of("--help");
        for (var sub : InstacrudCommand.commandLine().getSubcommands().values()) {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (description.length > 0) {
                assertTrue(description[0].endsWith("."), sub.getCommandName() + ": " + description[0]);
            }
        }
        assertTrue(help.out().contains("Creates a Maven project for the service that builds"), help.out());
    }

    @Test
    void initPrintsANextStepThatWorksAsTyped(@TempDir Path tmp) {
        String previous = System.setProperty(Launcher.PROPERTY, "./instacrud");
        try {
            Run r = Run.of("init", tmp.resolve("svc").toString());
            assertTrue(r.out().contains("next: ./instacrud validate " + tmp.resolve("svc/instacrud.yaml")), r.out());
        } finally {
            if (previous == null) {
                System.clearProperty(Launcher.PROPERTY);
            } else {
                System.setProperty(Launcher.PROPERTY, previous);
            }
        }
        assertEquals("instacrud", Launcher.command(), "without a launcher, the installed name");
    }

    @Test
    void initNamesFallBackWhenTheFolderNameIsNoServiceName() {
        assertEquals("my-service", InitCommand.serviceName(Path.of("/tmp/123")));
        assertEquals("my-service", InitCommand.serviceName(Path.of("/tmp/class")));
        assertEquals("clinic", InitCommand.serviceName(Path.of("/tmp/Clinic")));
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Option(names = "--verbose")
        boolean verbose;

        @Override
        public Integer call() {
            throw new IllegalStateException("kaput");
        }
    }

    @Test
    void internalErrorsAreOneLineUnlessVerbose() {
        Run quiet = Run.on(InstacrudCommand.configure(new CommandLine(new Boom())));
        assertEquals(3, quiet.code());
        assertTrue(quiet.err().contains("internal error: java.lang.IllegalStateException: kaput"), quiet.err());
        assertFalse(quiet.err().contains("\tat "), quiet.err());
        Run verbose = Run.on(InstacrudCommand.configure(new CommandLine(new Boom())), "--verbose");
        assertEquals(3, verbose.code());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
    }

    @Test
    void verboseIsAcceptedOnSubcommands() throws IOException {
        Path p = SAMPLES.resolve("tasks.yaml");
        assertEquals(0, Run.of("validate", "--verbose", p.toString()).code());
        assertEquals(0, Run.of("--verbose", "validate", p.toString()).code());
    }

    @Test
    void mutatedSpecsExitZeroOrOne(@TempDir Path tmp) throws IOException {
        String original = Files.readString(SAMPLES.resolve("crm.yaml"));
        Random random = new Random(7);
        Path file = tmp.resolve("m.yaml");
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder(original);
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.setLength(at);
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, ":-[{\"'#&*!|>".charAt(random.nextInt(12)));
            }
            Files.writeString(file, text);
            Run r = Run.of("validate", file.toString());
            assertTrue(r.code() == 0 || r.code() == 1, r.err() + "\n" + text);
            if (r.code() == 1) {
                assertTrue(
                        r.err().lines().allMatch(l -> l.matches(".*m\\.yaml:\\d+:\\d+: error: .+ \\[[a-z-]+]")),
                        r.err());
            }
        }
    }
}
