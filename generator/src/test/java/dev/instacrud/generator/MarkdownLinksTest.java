package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of every Markdown file of the repository resolves, as GitHub resolves it: the file or
 * folder exists inside the repository, and a {@code #fragment} names a heading of the Markdown file it points
 * at (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, {@code -1}, {@code -2}... for
 * repeats). Links in code blocks and code spans are text, not links; {@code target/} and hidden folders are
 * build output and tool state, not documentation.
 */
class MarkdownLinksTest {

    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s+<?([^\\s>]+)>?");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");
    private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

    @Test
    void everyRelativeLinkInTheRepositoryResolves() {
        List<Path> files = markdownFiles(Samples.ROOT);
        for (String expected : List.of("README.md", "CONTRIBUTING.md", "bench/README.md", "docs/security.md")) {
            assertTrue(files.contains(Samples.ROOT.resolve(expected)), "not checked: " + expected);
        }
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path file : files) {
            List<String> targets = links(read(file));
            links += targets.size();
            for (String target : targets) {
                check(Samples.ROOT, file, target).ifPresent(problems::add);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(links > 100, "only " + links + " relative links found: is the parser still finding them?");
    }

    @Test
    void brokenFilesAndAnchorsAreReported(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(
                root.resolve("docs/a.md"),
                String.join(
                        "\n",
                        "# A page",
                        "## Keys and `values`",
                        "## Keys and `values`",
                        "[ok](#a-page) [ok](#keys-and-values-1) [ok](../README.md#readme) [ok](.) [web](https://x.org/#y)",
                        "[missing](missing.md) [no heading](#nothing) [elsewhere](../README.md#nothing)",
                        "[outside](../../etc/passwd) `[code span](gone.md)`",
                        "```",
                        "[in a block](gone.md)",
                        "```",
                        "[ref]: ../README.md#also-missing"));
        Files.writeString(root.resolve("README.md"), "# Readme\n");
        List<String> problems = new ArrayList<>();
        Path file = root.resolve("docs/a.md");
        for (String target : links(read(file))) {
            check(root, file, target).ifPresent(problems::add);
        }
        assertEquals(
                List.of(
                        "docs/a.md: missing.md: no such file",
                        "docs/a.md: #nothing: no such heading in docs/a.md",
                        "docs/a.md: ../README.md#nothing: no such heading in README.md",
                        "docs/a.md: ../../etc/passwd: outside the repository",
                        "docs/a.md: ../README.md#also-missing: no such heading in README.md"),
                problems);
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertEquals(
                List.of(
                        "security-model--data-layer",
                        "targets-from-the-issue-reported-never-asserted-in-tests",
                        "the-instacrud-command-line",
                        "add-a-spec-key",
                        "add-a-spec-key-1",
                        "see-the-docs",
                        "snake_case-stays"),
                List.copyOf(anchors(String.join(
                        "\n",
                        "## Security model — data layer",
                        "### Targets (from the issue; reported, never asserted in tests)",
                        "# The `instacrud` command line",
                        "## Add a spec key",
                        "## Add a spec key ##",
                        "## See [the docs](docs/x.md)",
                        "## snake_case stays"))));
    }

    /** Relative link targets (with their fragment) outside code blocks and code spans. */
    private static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        for (String line : proseLines(markdown)) {
            String text = CODE_SPAN.matcher(line).replaceAll("");
            Matcher m = INLINE_LINK.matcher(text);
            while (m.find()) {
                targets.add(m.group(1));
            }
            Matcher r = REFERENCE_DEFINITION.matcher(text);
            if (r.find()) {
                targets.add(r.group(1));
            }
        }
        targets.removeIf(t -> t.isEmpty() || SCHEME.matcher(t).find());
        return targets;
    }

    /** What is wrong with one link of {@code file}, if anything. */
    private static Optional<String> check(Path root, Path file, String target) {
        String where = root.relativize(file) + ": " + target + ": ";
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty()
                ? file
                : (path.startsWith("/")
                                ? root.resolve(path.substring(1))
                                : file.getParent().resolve(path))
                        .normalize();
        if (!resolved.startsWith(root)) {
            return Optional.of(where + "outside the repository");
        }
        if (!Files.exists(resolved)) {
            return Optional.of(where + "no such file");
        }
        if (fragment == null) {
            return Optional.empty();
        }
        if (!resolved.toString().endsWith(".md")) {
            return LINE_ANCHOR.matcher(fragment).matches()
                    ? Optional.empty()
                    : Optional.of(where + "a fragment on a file that is not Markdown");
        }
        Set<String> anchors = anchors(read(resolved));
        String wanted = URLDecoder.decode(fragment, StandardCharsets.UTF_8);
        return anchors.contains(wanted)
                ? Optional.empty()
                : Optional.of(where + "no such heading in " + root.relativize(resolved));
    }

    /** The anchors GitHub gives the headings (and explicit {@code <a name|id>}s) of a Markdown text, in order. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown)) {
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                anchors.add(a.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's slug of a heading: the rendered text, lower case, without punctuation, spaces as hyphens. */
    private static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link shows its text
                .replace("`", "")
                .replaceAll("<[^>]+>", "");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                .replace(' ', '-');
    }

    /** The lines of a Markdown text outside fenced code blocks. */
    private static List<String> proseLines(String markdown) {
        List<String> prose = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher f = FENCE.matcher(line);
            if (f.find()) {
                String marker = f.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
            } else if (fence == null) {
                prose.add(line);
            }
        }
        return prose;
    }

    /** The Markdown files under {@code root}, leaving out build output and hidden folders. */
    private static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name =
                            dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.equals("target") || name.startsWith("."));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    private static String read(Path file) {
        return Samples.read(file);
    }
}
