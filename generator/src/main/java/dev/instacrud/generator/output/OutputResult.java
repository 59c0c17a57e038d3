package dev.instacrud.generator.output;

import java.util.List;

/**
 * What an {@link OutputSync#apply} did, as data: the CLI and the Maven plugin print it their own way.
 *
 * @param plan the plan that was carried out; its changes are now facts
 * @param warning empty, or a note about litter left after a successful apply (the output itself is complete)
 */
public record OutputResult(OutputPlan plan, String warning) {

    /** Files written where nothing was. */
    public List<String> created() {
        return plan.paths(Action.CREATE);
    }

    /** Generated files rewritten with new content. */
    public List<String> updated() {
        return plan.paths(Action.UPDATE);
    }

    /** Edited files replaced under {@code --force}; each one's previous content is in a {@code .orig} file. */
    public List<String> forceReplaced() {
        return plan.paths(Action.FORCE_REPLACE);
    }

    /** Files generated earlier and no longer produced, removed. */
    public List<String> deleted() {
        return plan.paths(Action.DELETE);
    }

    /** Files left alone that the user should hear about: edited generated files and edited orphans. */
    public List<PlannedChange> reported() {
        return plan.changes().stream().filter(c -> c.action().needsAttention()).toList();
    }

    /** User-owned files that already existed and were not touched. */
    public List<String> userOwnedKept() {
        return plan.paths(Action.USER_OWNED_EXISTS);
    }

    /** Files whose bytes were already right. */
    public List<String> unchanged() {
        return plan.paths(Action.UNCHANGED);
    }

    /** True when anything on disk changed. */
    public boolean wroteAnything() {
        return plan.writesAnything();
    }
}
