/**
 * How many requests a key (a client IP or a user) may make: {@link RateLimiter}, with a store in memory and one in
 * MongoDB shared by instances, and {@link ClientIpResolver}, which believes {@code X-Forwarded-For} only from
 * {@code TRUSTED_PROXIES}.
 *
 * <p>Must never: fail open (a store that cannot answer refuses), or keep an unbounded table of keys.
 *
 * <p>May use: {@code config}.
 */
package dev.instacrud.runtime.ratelimit;
