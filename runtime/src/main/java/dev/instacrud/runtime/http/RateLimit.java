package dev.instacrud.runtime.http;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.metrics.ServiceMetrics;
import dev.instacrud.runtime.ratelimit.RateLimiter;

/**
 * Step 4 of the {@link Router}: takes one request from an allowance, or refuses with a 429 and {@code
 * Retry-After} (RFC 6585), counted in {@code instacrud_rate_limit_refusals_total}. Routes marked {@link
 * Route#limitPerIp()} (sign-up, sign-in, code redemption) count per client IP, each route on its own, as each
 * is attacked on its own; every other authenticated route counts per user; public routes are not limited.
 */
final class RateLimit {
    private final RateLimiter perIp;
    private final RateLimiter perUser;
    private final ServiceMetrics metrics;

    RateLimit(RateLimiter perIp, RateLimiter perUser, ServiceMetrics metrics) {
        this.perIp = perIp;
        this.perUser = perUser;
        this.metrics = metrics;
    }

    /** @throws ApiException 429 with its {@code Retry-After} when the allowance is spent */
    void acquire(Route route, CurrentUser user, String clientIp) {
        RateLimiter.Decision decision = RateLimiter.Decision.ALLOWED;
        boolean perIpRoute = route.limit() == Route.Limit.PER_IP;
        if (perIpRoute) {
            decision = perIp.tryAcquire("ip:" + route.method() + " " + route.template() + "|" + clientIp);
        } else if (user != null) {
            decision = perUser.tryAcquire("user:" + user.userId());
        }
        if (!decision.allowed()) {
            metrics.rateLimited(perIpRoute, route.template());
            throw new ApiException(429, "Too Many Requests", "Rate limit exceeded")
                    .retryAfter(decision.retryAfterSeconds());
        }
    }
}
