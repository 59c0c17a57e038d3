package dev.instacrud.generator.model;

/** How organisations' data is kept apart. */
public enum Tenancy implements SpecName {
    /** One database per organisation on the service's MongoDB (the default). */
    DATABASE_PER_ORG("database-per-org"),
    /** Each organisation has its own connection string. */
    ORG_DB("org-db");

    private final String specName;

    Tenancy(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
