package dev.instacrud.runtime.config;

/**
 * How the service runs ({@code MODE}); the web layer and the data layer read the same value.
 */
public enum Mode {
    /**
     * A laptop: a generated {@code SECRET_KEY} kept in the data directory, no HSTS; without {@code MONGO_URL}
     * the embedded MongoDB over a file in the data directory.
     */
    DEV,
    /**
     * Tests: rate limits off; without {@code MONGO_URL} the embedded MongoDB, in memory when no data
     * directory is given.
     */
    TEST,
    /**
     * Production: {@code SECRET_KEY} and a MongoDB URL are required (the embedded server is refused),
     * URLs must be https (loopback aside), HSTS on, bcrypt cost at least 10.
     */
    PROD
}
