package dev.instacrud.runtime.config;

/** How the service runs: {@code dev} (defaults for a laptop), {@code test} (no rate limits), {@code prod}. */
public enum Mode {
    DEV,
    TEST,
    PROD
}
