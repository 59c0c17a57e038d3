package dev.instacrud.generator.output;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What regenerating into one output folder would do, path by path; made by {@link OutputSync#plan} without
 * writing anything, carried out by {@link OutputSync#apply}. A dry run prints {@link #describe()}.
 */
public final class OutputPlan {

    /** Internal detail of one planned step: the bytes to write and what the disk held when planned. */
    record Step(PlannedChange change, byte[] content, String expectedDiskHash, String origPath) {}

    private final Path outDir;
    private final boolean force;
    private final List<Step> steps;
    private final byte[] manifest;
    private final boolean manifestChanged;
    private final boolean leftoverStaging;

    OutputPlan(
            Path outDir,
            boolean force,
            List<Step> steps,
            byte[] manifest,
            boolean manifestChanged,
            boolean leftoverStaging) {
        this.outDir = outDir;
        this.force = force;
        this.steps = List.copyOf(steps);
        this.manifest = manifest.clone();
        this.manifestChanged = manifestChanged;
        this.leftoverStaging = leftoverStaging;
    }

    /** The output folder this plan was made for (absolute, normalised). */
    public Path outDir() {
        return outDir;
    }

    /** Whether edited generated files are replaced ({@code --force}). */
    public boolean force() {
        return force;
    }

    /** Every path the plan considered, sorted by path, unchanged ones included. */
    public List<PlannedChange> changes() {
        return steps.stream().map(Step::change).toList();
    }

    /** The sorted paths planned for {@code action}. */
    public List<String> paths(Action action) {
        return steps.stream()
                .map(Step::change)
                .filter(c -> c.action() == action)
                .map(PlannedChange::path)
                .toList();
    }

    /**
     * True when applying writes, replaces or deletes at least one file (the manifest included), or clears the
     * staging folder an earlier interrupted run left behind.
     */
    public boolean writesAnything() {
        return manifestChanged
                || leftoverStaging
                || steps.stream().anyMatch(s -> s.change().action().writes());
    }

    /**
     * The dry-run text: one line per path that would be written, changed, removed or left alone for a reason,
     * sorted by path, then the count of each action (unchanged and existing user-owned files appear only there).
     * Deterministic for the same folder and files.
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        Map<Action, Long> counts = new TreeMap<>(
                steps.stream().collect(Collectors.groupingBy(s -> s.change().action(), Collectors.counting())));
        int width = 0;
        for (Action action : Action.values()) {
            width = Math.max(width, action.label().length());
        }
        for (Step step : steps) {
            PlannedChange change = step.change();
            if (change.action() == Action.UNCHANGED || change.action() == Action.USER_OWNED_EXISTS) {
                continue; // nothing happens to them and nothing is wrong: counted in the summary only
            }
            text.append(String.format("%-" + width + "s  %s", change.action().label(), change.path()));
            if (!change.note().isEmpty()) {
                text.append("  (").append(change.note()).append(')');
            }
            text.append('\n');
        }
        if (manifestChanged) {
            text.append(String.format("%-" + width + "s  %s", "record", Manifest.PATH))
                    .append('\n');
        }
        if (leftoverStaging) {
            text.append(String.format(
                            "%-" + width + "s  %s  (left by an interrupted run)", "clear", Transaction.STAGING))
                    .append('\n');
        }
        text.append(summary(counts));
        return text.toString();
    }

    private static String summary(Map<Action, Long> counts) {
        if (counts.isEmpty()) {
            return "no files\n";
        }
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", ", "", "\n"));
    }

    List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    byte[] manifestBytes() {
        return manifest.clone();
    }

    boolean manifestChanged() {
        return manifestChanged;
    }
}
