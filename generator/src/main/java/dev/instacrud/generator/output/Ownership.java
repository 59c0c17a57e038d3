package dev.instacrud.generator.output;

/**
 * Who owns a file once it is on disk.
 *
 * <p>{@link #GENERATED} files belong to the generator: they are rewritten on every generation, recorded in the
 * manifest, and deleted when the spec no longer produces them, but only while nobody has edited them.
 * {@link #USER_OWNED} files are starting points handed to the user (the hooks implementations, README and pom of
 * an {@code instacrud new} project): created once when missing, then never overwritten, never deleted, and not
 * recorded in the manifest.
 */
public enum Ownership {
    /** Rewritten on every generation and tracked in the manifest. */
    GENERATED,
    /** Created once if missing; afterwards the user's, never touched again. */
    USER_OWNED
}
