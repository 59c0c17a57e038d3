package dev.instacrud.runtime.config;

/** Where the rate limiters count ({@code RATE_LIMIT_STORE}). */
public enum RateLimitStore {
    /** In this process: exact for one instance, bounded in size. The default. */
    MEMORY,
    /** In the system database, shared by every instance that uses it. */
    MONGO
}
