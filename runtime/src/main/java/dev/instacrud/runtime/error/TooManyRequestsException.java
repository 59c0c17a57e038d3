package dev.instacrud.runtime.error;

/**
 * A 429 that says when to come back: the web layer sends {@code retryAfterSeconds} as {@code Retry-After}
 * (RFC 6585, RFC 9110 section 10.2.3). For allowances a route handler spends itself (invitations per user
 * and per organisation), beside the per-IP and per-user limits the router applies to every route.
 */
public final class TooManyRequestsException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** @param retryAfterSeconds when the allowance comes back, at least 1 */
    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(429, "Too Many Requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds until a new attempt can succeed, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
