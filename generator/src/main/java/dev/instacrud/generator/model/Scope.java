package dev.instacrud.generator.model;

/** Who sees the documents of an entity. */
public enum Scope implements SpecName {
    /** Shared by every member of the organisation (the default). */
    ORG("org"),
    /** Each user sees only the documents they created. */
    USER("user");

    private final String specName;

    Scope(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
