package dev.instacrud.generator.model;

/** How organisations' data is kept apart. */
public enum Tenancy {
    /** One database per organisation on the service's MongoDB (the default). */
    DATABASE_PER_ORG,
    /** Each organisation has its own connection string. */
    ORG_DB
}
