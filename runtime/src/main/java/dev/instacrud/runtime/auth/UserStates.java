package dev.instacrud.runtime.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The user and session states the authenticator checks on each request, read from the system database and kept for
 * {@code USER_CACHE_SECONDS} (5 s by default; 0 reads on every request). That is the bound on how late a revocation
 * is honoured: a change made on this instance ({@link #forgetUser}, {@link #forgetSession}) is seen by its next
 * request at once, one made on another instance within the cache's lifetime. Bounded: a full cache is emptied.
 *
 * <p>A cache of verified tokens placed in front of the authenticator must still call these checks on every request
 * (or keep its entries no longer than this cache's lifetime), or it would outlive a revocation.
 */
final class UserStates {
    private static final int MAX_CACHED = 10_000;

    private final UserDirectory users;
    private final RefreshTokens sessions;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Cached<UserState>> userCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cached<RefreshTokens.Session>> sessionCache = new ConcurrentHashMap<>();

    private record Cached<T>(Optional<T> value, long until) {}

    UserStates(UserDirectory users, RefreshTokens sessions, Duration ttl, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    Optional<UserState> user(String userId) {
        return cached(userCache, userId, users::state);
    }

    Optional<RefreshTokens.Session> session(String sessionId) {
        return cached(sessionCache, sessionId, sessions::session);
    }

    /** Reads the user again on their next request on this instance. */
    void forgetUser(String userId) {
        userCache.remove(userId);
    }

    /** Reads the session again on its next request on this instance. */
    void forgetSession(String sessionId) {
        sessionCache.remove(sessionId);
    }

    /** Reads every session again (a user's sessions all ended). */
    void forgetSessions() {
        sessionCache.clear();
    }

    private <T> Optional<T> cached(
            ConcurrentHashMap<String, Cached<T>> cache, String key, Function<String, Optional<T>> load) {
        if (ttlMillis == 0) {
            return load.apply(key);
        }
        long now = clock.millis();
        Cached<T> hit = cache.get(key);
        if (hit != null && hit.until() > now) {
            return hit.value();
        }
        Optional<T> value = load.apply(key);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached<>(value, now + ttlMillis));
        return value;
    }
}
