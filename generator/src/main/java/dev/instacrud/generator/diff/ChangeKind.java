package dev.instacrud.generator.diff;

/** What kind of change a {@link SpecChange} is; a proposed migration is written from it. */
public enum ChangeKind {
    /** A new entity. */
    ENTITY_ADDED,
    /** An entity that is no longer in the spec. */
    ENTITY_REMOVED,
    /** An entity whose path (and so collection) changed. */
    PATH_CHANGED,
    /** An entity whose scope changed. */
    SCOPE_CHANGED,
    /** An entity whose write roles or If-Match requirement narrowed, or widened. */
    ACCESS_CHANGED,
    /** A new optional field. */
    FIELD_ADDED,
    /** A new field, or a field made required, with a default the runtime backfills. */
    DEFAULT_BACKFILLED,
    /** A new required field without a default, or a field made required without one. */
    REQUIRED_WITHOUT_DEFAULT,
    /** A field that is no longer in the spec. */
    FIELD_REMOVED,
    /** A removed field and an added one of the same type: most likely a rename. */
    FIELD_RENAMED,
    /** A field whose type changed in a way stored values may not follow. */
    TYPE_CHANGED,
    /** A field whose type widened (stored values stay valid). */
    TYPE_WIDENED,
    /** A ref that now points at another entity. */
    REF_TARGET_CHANGED,
    /** A constraint that now refuses values it allowed. */
    CONSTRAINT_NARROWED,
    /** A constraint that now allows more, or a field made optional. */
    CONSTRAINT_RELAXED,
    /** Enum values removed. */
    ENUM_VALUES_REMOVED,
    /** Enum values added. */
    ENUM_VALUES_ADDED,
    /** A field made unique. */
    UNIQUE_ADDED,
    /** A field no longer unique. */
    UNIQUE_REMOVED,
    /** A field made secret (write-only). */
    SECRET_ADDED,
    /** A secret field made readable. */
    SECRET_REMOVED,
    /** A ref's onDelete changed. */
    ON_DELETE_CHANGED,
    /** A field's default changed. */
    DEFAULT_CHANGED,
    /** The tenancy, registration, Turnstile or sign-in providers changed. */
    SERVICE_CHANGED
}
