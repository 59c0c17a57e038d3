package dev.instacrud.generator.output;

import java.util.List;

/**
 * How an output folder differs from what the spec produces; made by {@link OutputSync#check} for CI.
 *
 * @param differing generated files whose bytes on disk differ, each with a unified diff, sorted by path
 * @param missing files the spec produces that are not on disk (user-owned ones included), sorted
 * @param orphaned files the manifest says were generated, that the spec no longer produces and that are still
 *     on disk, sorted; files instacrud never recorded are the user's and never listed
 */
public record CheckReport(List<FileDiff> differing, List<String> missing, List<String> orphaned) {

    /** Exit status when the folder matches the spec. */
    public static final int CLEAN = 0;
    /** Exit status when it does not. */
    public static final int STALE = 1;

    /** Copies the lists. */
    public CheckReport {
        differing = List.copyOf(differing);
        missing = List.copyOf(missing);
        orphaned = List.copyOf(orphaned);
    }

    /** True when nothing differs, nothing is missing and nothing is orphaned. */
    public boolean isClean() {
        return differing.isEmpty() && missing.isEmpty() && orphaned.isEmpty();
    }

    /** {@link #CLEAN} or {@link #STALE}, for {@code instacrud check}. */
    public int exitStatus() {
        return isClean() ? CLEAN : STALE;
    }

    /** The full report: one diff per differing file, then the missing and the orphaned files. */
    public String describe() {
        if (isClean()) {
            return "generated output is up to date\n";
        }
        StringBuilder text = new StringBuilder();
        for (FileDiff diff : differing) {
            text.append(diff.unifiedDiff());
        }
        if (!missing.isEmpty()) {
            text.append("missing (the spec produces them, the folder lacks them):\n");
            missing.forEach(p -> text.append("  ").append(p).append('\n'));
        }
        if (!orphaned.isEmpty()) {
            text.append("orphaned (generated earlier, no longer produced by the spec):\n");
            orphaned.forEach(p -> text.append("  ").append(p).append('\n'));
        }
        text.append(differing.size())
                .append(" differing, ")
                .append(missing.size())
                .append(" missing, ")
                .append(orphaned.size())
                .append(" orphaned; regenerate to bring the folder up to date\n");
        return text.toString();
    }
}
