package dev.instacrud.generator.model;

/** Whether the writes of an entity's documents must name the version they change ({@code If-Match}). */
public enum IfMatch implements SpecName {
    /** {@code If-Match} is honoured when sent (the default): a stale version is a 412. */
    OPTIONAL("optional"),
    /** {@code PUT}, {@code PATCH} and {@code DELETE} without {@code If-Match} naming a version are a 428. */
    REQUIRED("required");

    private final String specName;

    IfMatch(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
