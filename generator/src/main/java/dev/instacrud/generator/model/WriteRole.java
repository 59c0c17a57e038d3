package dev.instacrud.generator.model;

/** A role that an entity's {@code write} list may name: the runtime's roles, spelt as the runtime names them. */
public enum WriteRole implements SpecName {
    /** Organisation administrator. */
    ORG_ADMIN("ORG_ADMIN"),
    /** Ordinary member. */
    USER("USER"),
    /** Read-only member (naming it in {@code write} is allowed but unusual). */
    READ_ONLY("READ_ONLY");

    private final String specName;

    WriteRole(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
