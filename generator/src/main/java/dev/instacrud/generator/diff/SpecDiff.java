package dev.instacrud.generator.diff;

import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.spec.YamlNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every change from one spec to the next, in the order of the new spec, with what each means for stored data and API
 * clients. Like {@code buf breaking} for protobuf or oasdiff for OpenAPI, over data as well as the API.
 *
 * @param file the new spec's file name, as positions are reported against it
 * @param changes the changes, sorted by position in the new spec
 * @param problems when either spec is invalid, its problems ({@code FILE:LINE:COL: error: ...}); nothing was
 *     compared then
 */
public record SpecDiff(String file, List<SpecChange> changes, List<String> problems) {

    /** The exit status of {@code instacrud diff} when every change is compatible. */
    public static final int COMPATIBLE = 0;

    /** The exit status when a change needs a data migration or breaks API clients. */
    public static final int BREAKING = 1;

    /** The exit status when a spec is invalid: nothing was compared. */
    public static final int INVALID = 2;

    /** Copies the lists so the record stays immutable. */
    public SpecDiff {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    /** Compares two checked specs; {@code newTree} is the new spec's YAML, for positions. */
    public static SpecDiff compare(ServiceModel old, ServiceModel current, YamlNode newTree) {
        return new SpecDiff(current.sourceFile(), new Differ(old, current, newTree).changes(), List.of());
    }

    /** Nothing compared: a spec is invalid. */
    public static SpecDiff invalid(String file, List<String> problems) {
        return new SpecDiff(file, List.of(), problems);
    }

    /** Whether any change needs a data migration or breaks API clients. */
    public boolean breaking() {
        return changes.stream().anyMatch(SpecChange::breaking);
    }

    /** {@link #COMPATIBLE}, {@link #BREAKING}, or {@link #INVALID} when a spec is invalid. */
    public int exitCode() {
        if (!problems.isEmpty()) {
            return INVALID;
        }
        return breaking() ? BREAKING : COMPATIBLE;
    }

    /** The changes that need a migration of the developer's. */
    public List<SpecChange> needingMigration() {
        return changes.stream().filter(SpecChange::needsMigration).toList();
    }

    /**
     * One line per change, {@code FILE:LINE:COL: needs data migration, breaks API clients: Task.reporter: ...}, then
     * a summary line.
     */
    public List<String> formatted() {
        List<String> lines = new java.util.ArrayList<>();
        for (SpecChange change : changes) {
            String impacts =
                    change.impacts().stream().sorted().map(Impact::label).collect(Collectors.joining(", "));
            lines.add(
                    file + ":" + change.position() + ": " + impacts + ": " + change.subject() + ": " + change.detail());
        }
        lines.add(summary());
        return lines;
    }

    /** {@code 4 changes: 2 compatible, 1 needs data migration, 2 break API clients}, or {@code no changes}. */
    public String summary() {
        if (changes.isEmpty()) {
            return "no changes";
        }
        Map<Impact, Long> counts = new EnumMap<>(Impact.class);
        changes.forEach(c -> c.impacts().forEach(i -> counts.merge(i, 1L, Long::sum)));
        return changes.size() + (changes.size() == 1 ? " change: " : " changes: ")
                + counts.getOrDefault(Impact.COMPATIBLE, 0L) + " compatible, "
                + counts.getOrDefault(Impact.NEEDS_MIGRATION, 0L) + " "
                + (counts.getOrDefault(Impact.NEEDS_MIGRATION, 0L) == 1 ? "needs" : "need") + " data migration, "
                + counts.getOrDefault(Impact.BREAKS_CLIENTS, 0L) + " "
                + (counts.getOrDefault(Impact.BREAKS_CLIENTS, 0L) == 1 ? "breaks" : "break") + " API clients";
    }
}
