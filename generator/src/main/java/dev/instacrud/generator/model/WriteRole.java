package dev.instacrud.generator.model;

/** A role that an entity's {@code write} list may name (the runtime's roles, by name). */
public enum WriteRole {
    /** Organisation administrator. */
    ORG_ADMIN,
    /** Ordinary member. */
    USER,
    /** Read-only member (naming it in {@code write} is allowed but unusual). */
    READ_ONLY
}
