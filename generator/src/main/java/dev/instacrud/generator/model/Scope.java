package dev.instacrud.generator.model;

/** Who sees the documents of an entity. */
public enum Scope {
    /** Shared by every member of the organisation (the default). */
    ORG,
    /** Each user sees only the documents they created. */
    USER
}
