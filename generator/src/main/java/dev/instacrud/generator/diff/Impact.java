package dev.instacrud.generator.diff;

/** What a spec change means for the data already stored and for the clients of the API. */
public enum Impact {
    /** Nothing to do: stored documents read as they are, and every client keeps working. */
    COMPATIBLE("compatible"),
    /** Stored documents must be changed by a migration of the developer's before the new version serves them. */
    NEEDS_MIGRATION("needs data migration"),
    /** A client of the API that worked before may fail now (a removed field or path, a narrower input). */
    BREAKS_CLIENTS("breaks API clients");

    private final String label;

    Impact(String label) {
        this.label = label;
    }

    /** How the change is labelled in output. */
    public String label() {
        return label;
    }
}
