package dev.instacrud.runtime.ratelimit;

/**
 * Counts requests per key (a client IP or a user id) and says whether one more is allowed. Two stores
 * implement it: {@link InMemoryRateLimiter} for a single instance and {@link MongoRateLimiter} for several
 * instances sharing one system database. Implementations fail closed: a store that cannot answer refuses.
 */
@FunctionalInterface
public interface RateLimiter {
    /** A limiter that allows everything ({@code MODE=test}). */
    RateLimiter DISABLED = key -> Decision.ALLOWED;

    /** Takes one request from the key's allowance. */
    Decision tryAcquire(String key);

    /**
     * The answer for one request.
     *
     * @param allowed whether the request may go on
     * @param retryAfterSeconds when refused, seconds until the window resets (at least 1)
     */
    record Decision(boolean allowed, long retryAfterSeconds) {
        /** An allowed request. */
        public static final Decision ALLOWED = new Decision(true, 0);

        /** A refused request, retry after the given seconds (rounded up to at least 1). */
        public static Decision refused(long retryAfterSeconds) {
            return new Decision(false, Math.max(1, retryAfterSeconds));
        }
    }
}
