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

    /** @throws ApiException 429 with its {@code Retry-After} when the allowance is spent */
    void acquire(Route route, CurrentUser user, String clientIp) {
        RateLimiter.Decision decision = RateLimiter.Decision.ALLOWED;
        if (route.limit() == Route.Limit.PER_IP) {
            decision = perIp.tryAcquire("ip:" + route.method() + " " + route.template() + "|" + clientIp);
        } else if (user != null) {
            decision = perUser.tryAcquire("user:" + user.userId());
        }
        if (!decision.allowed()) {
            throw new ApiException(429, "Too Many Requests", "Rate limit exceeded")
                    .retryAfter(decision.retryAfterSeconds());
        }
    }
}
