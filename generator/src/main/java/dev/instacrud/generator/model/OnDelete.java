package dev.instacrud.generator.model;

/** What happens to a referring document when the document it refers to is deleted. */
public enum OnDelete implements SpecName {
    /** Refuse the delete while references exist (the default). */
    RESTRICT("restrict"),
    /** Delete the referring documents too. */
    CASCADE("cascade"),
    /** Clear the reference (remove the id, for a list of refs); only for optional refs. */
    SET_NULL("set-null");

    private final String specName;

    OnDelete(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
