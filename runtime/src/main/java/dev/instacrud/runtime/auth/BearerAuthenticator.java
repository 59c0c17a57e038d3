package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.Authenticator;
import dev.instacrud.runtime.metrics.AuthFailure;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code Authorization: Bearer <jwt>} (RFC 6750), verifies the token, then loads the user's role and
 * organisation from the system database, so a demotion or removal takes effect within the cache's
 * lifetime ({@code USER_CACHE_SECONDS}, 5 s by default; 0 turns the cache off). The cache is bounded.
 * A missing header, another scheme, an empty or placeholder token, and a token for a removed user are
 * all the same 401; the reason is counted in {@code instacrud_authentication_failures_total}.
 */
public final class BearerAuthenticator implements Authenticator {
    private static final int MAX_CACHED = 10_000;

    private final TokenService tokens;
    private final UserDirectory users;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<CurrentUser> user, long until) {}

    public BearerAuthenticator(
            TokenService tokens, UserDirectory users, Duration cacheTtl, Clock clock, ServiceMetrics metrics) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.users = users;
        this.ttlMillis = cacheTtl.toMillis();
        this.clock = clock;
    }

    @Override
    public CurrentUser authenticate(String authorization) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            metrics.authenticationFailed(AuthFailure.MISSING_CREDENTIALS);
            throw ApiException.unauthorized("Not authenticated");
        }
        String userId;
        try {
            userId = tokens.verify(authorization.substring(7).trim());
        } catch (TokenService.TokenRefused e) {
            metrics.authenticationFailed(e.reason());
            throw e;
        }
        return load(userId).orElseThrow(() -> {
            metrics.authenticationFailed(AuthFailure.UNKNOWN_USER);
            return ApiException.unauthorized("Invalid or expired token");
        });
    }

    private Optional<CurrentUser> load(String userId) {
        if (ttlMillis == 0) {
            return users.currentUser(userId);
        }
        long now = clock.millis();
        Cached cached = cache.get(userId);
        if (cached != null && cached.until() > now) {
            return cached.user();
        }
        Optional<CurrentUser> user = users.currentUser(userId);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(userId, new Cached(user, now + ttlMillis));
        return user;
    }
}
