package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the files of one generation on disk without ever losing the user's work, plans dry runs, and checks a
 * folder against what the spec produces. The CLI ({@code generate}, {@code new}, {@code check}) and the Maven
 * plugin ({@code generate}, {@code check}) all end here.
 *
 * <p>Ownership: the generator records in {@code .instacrud/manifest} the SHA-256 of every generated file it
 * wrote. A generated file is rewritten only while its bytes still match that record, deleted when the spec no
 * longer produces it only while they match, and otherwise reported and left alone ({@code force} replaces it,
 * keeping a {@code .orig} copy). Files it never wrote are never touched. {@link Ownership#USER_OWNED} files are
 * created once and then left to the user.
 *
 * <p>Atomicity: {@link #apply} stages every new file inside the output folder first and swaps them in with a
 * journal; any failure restores the previous output byte for byte. docs/regeneration.md states these
 * guarantees and their limits.
 *
 * <p>Thread safety: instances are immutable and may be shared. Within one JVM (a parallel Maven build), an apply
 * into a folder another thread is writing to is refused with an {@link OutputException}, changing nothing. Two
 * processes writing into one folder at once are not guarded against.
 */
public final class OutputSync {

    /** Where the manifest lives, relative to the output folder. */
    public static final String MANIFEST_PATH = Manifest.PATH;

    /** Output folders being applied to in this JVM: a second writer would clear the first one's staging. */
    private static final Set<Path> BUSY = ConcurrentHashMap.newKeySet();

    private final String generatorVersion;
    private final FileOps ops;

    /** Records {@code generatorVersion} in every manifest it writes. */
    public OutputSync(String generatorVersion) {
        this(generatorVersion, FileOps.NIO);
    }

    OutputSync(String generatorVersion, FileOps ops) {
        Objects.requireNonNull(generatorVersion, "generatorVersion");
        if (generatorVersion.isBlank() || generatorVersion.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("generator version must be one non-blank line: " + generatorVersion);
        }
        this.generatorVersion = generatorVersion;
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /**
     * Classifies every path: what applying would create, update, delete, replace, or leave alone and report.
     * Reads only; {@link OutputPlan#describe()} is the dry-run text.
     *
     * @param outDir the output folder; need not exist yet
     * @param files everything this generation produced; paths must be distinct and no file may be another's
     *     folder
     * @param force replace edited generated files (and files instacrud did not write that sit where a generated
     *     file goes), keeping each one's previous content in {@code PATH.orig}
     * @throws OutputException when the manifest is malformed or a path goes through a symbolic link
     * @throws IllegalArgumentException when two files share a path or one's path is another's folder
     */
    public OutputPlan plan(Path outDir, List<GeneratedFile> files, boolean force) throws OutputException, IOException {
        return new Planner(generatorVersion).plan(normalise(outDir), files, force);
    }

    /**
     * Carries out a plan all or nothing. Writes nothing at all (not even the manifest) when the plan changes
     * nothing, so a no-change regeneration leaves every modification time as it was.
     *
     * @throws OutputException when the disk changed since the plan, an earlier run was interrupted mid-swap, or
     *     a write failed; {@link OutputException#previousOutputIntact()} says whether the rollback succeeded
     */
    public OutputResult apply(OutputPlan plan) throws OutputException, IOException {
        if (!plan.writesAnything()) {
            return new OutputResult(plan, "");
        }
        if (!BUSY.add(plan.outDir())) {
            throw new OutputException("another generation is writing to " + plan.outDir() + " right now");
        }
        try {
            return new OutputResult(plan, new Transaction(ops).apply(plan));
        } finally {
            BUSY.remove(plan.outDir());
        }
    }

    /** Plans and applies in one call. */
    public OutputResult write(Path outDir, List<GeneratedFile> files, boolean force)
            throws OutputException, IOException {
        return apply(plan(outDir, files, force));
    }

    /**
     * Compares {@code outDir} with {@code files} without changing anything: differing generated files (with a
     * unified diff each), missing files, and orphans (files the manifest lists that the spec no longer produces).
     * User-owned files count only when missing; files instacrud never recorded are not reported.
     */
    public CheckReport check(Path outDir, List<GeneratedFile> files) throws IOException {
        return DriftCheck.run(normalise(outDir), files);
    }

    private static Path normalise(Path outDir) {
        return outDir.toAbsolutePath().normalize();
    }
}
