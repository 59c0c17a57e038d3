package dev.instacrud.runtime.http;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.ratelimit.RateLimiter;

/**
 * Step 4 of the {@link Router}: takes one request from an allowance, or refuses with a 429 and {@code
 * Retry-After} (RFC 6585). Routes marked {@link Route#limitPerIp()} (sign-up, sign-in, code redemption)
 * count per client IP, each route on its own, as each is attacked on its own; every other authenticated
 * route counts per user; public routes are not limited.
 */
final class RateLimit {
    private final RateLimiter perIp;
    private final RateLimiter perUser;

    RateLimit(RateLimiter perIp, RateLimiter perUser) {
        this.perIp = perIp;
        this.perUser = perUser;
    }

    /** @throws TooManyRequests when the allowance is spent */
    void acquire(Route route, CurrentUser user, String clientIp) {
        RateLimiter.Decision decision = RateLimiter.Decision.ALLOWED;
        if (route.limit() == Route.Limit.PER_IP) {
            decision = perIp.tryAcquire("ip:" + route.method() + " " + route.template() + "|" + clientIp);
        } else if (user != null) {
            decision = perUser.tryAcquire("user:" + user.userId());
        }
        if (!decision.allowed()) {
            throw new TooManyRequests(decision.retryAfterSeconds());
        }
    }

    /** A 429 that carries its {@code Retry-After}, which {@link Problems#write} sends. */
    static final class TooManyRequests extends ApiException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(429, "Too Many Requests", "Rate limit exceeded");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
