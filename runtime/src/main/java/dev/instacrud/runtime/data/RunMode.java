package dev.instacrud.runtime.data;

/** The service's mode, as far as storage cares. */
public enum RunMode {
    /** Production: a MongoDB URL is required; the embedded server is refused. */
    PROD,
    /** Development: without a URL, the embedded server over a file in the data directory. */
    DEV,
    /** Tests: without a URL, the embedded server, in memory when no data directory is given. */
    TEST
}
