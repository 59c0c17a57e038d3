package dev.instacrud.generator.output;

/** What applying a plan does to one path of the output folder. */
public enum Action {
    /** The file is missing: it will be written. */
    CREATE("create"),
    /** A generated file nobody edited since it was written: it will be rewritten with new content. */
    UPDATE("update"),
    /** The file on disk already has the desired bytes: nothing is written. */
    UNCHANGED("unchanged"),
    /** Generated earlier, no longer produced by the spec, unedited since: it will be deleted. */
    DELETE("delete"),
    /**
     * A generated file edited since it was written, or a file instacrud did not write sitting where a generated
     * file goes: left alone and reported.
     */
    KEEP_EDITED("keep (edited)"),
    /** Generated earlier, no longer produced, but edited since: left alone and reported. */
    KEEP_ORPHAN_EDITED("keep (orphan, edited)"),
    /** With force: an edited file replaced by the generated one after a {@code .orig} copy was kept. */
    FORCE_REPLACE("replace (--force)"),
    /** A user-owned file that already exists: never touched. */
    USER_OWNED_EXISTS("user-owned");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** The short word shown in dry-run and result listings. */
    public String label() {
        return label;
    }

    /** True when applying this action changes the file on disk. */
    public boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE || this == FORCE_REPLACE;
    }

    /** True when the path is left alone but the user should hear about it. */
    public boolean needsAttention() {
        return this == KEEP_EDITED || this == KEEP_ORPHAN_EDITED;
    }
}
