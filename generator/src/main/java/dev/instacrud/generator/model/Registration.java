package dev.instacrud.generator.model;

/** Who may sign up. */
public enum Registration {
    /** Anyone may sign up and gets an organisation of their own (the default). */
    OPEN,
    /** Only people invited by an organisation administrator. */
    INVITE_ONLY
}
