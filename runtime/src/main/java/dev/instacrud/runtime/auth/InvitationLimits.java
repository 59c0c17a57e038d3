package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.ratelimit.RateLimiter;

/**
 * How many invitations an organisation's administrators may create: an allowance per user ({@code
 * INVITATION_RATE_LIMIT}), one per organisation ({@code INVITATION_ORG_RATE_LIMIT}) shared by all its
 * administrators, and a cap on unused, unexpired invitations ({@code MAX_PENDING_INVITATIONS}). They keep a
 * compromised or careless administrator from spraying invitations, and bound how many addresses anyone can
 * test at redemption. The user's allowance is taken first, so one administrator's burst is refused before
 * it spends what the organisation's other administrators share.
 */
public final class InvitationLimits {
    private final RateLimiter perUser;
    private final RateLimiter perOrganization;
    private final int maxPending;

    public InvitationLimits(RateLimiter perUser, RateLimiter perOrganization, int maxPending) {
        this.perUser = perUser;
        this.perOrganization = perOrganization;
        this.maxPending = maxPending;
    }

    /**
     * Takes one invitation from the user's and the organisation's allowances.
     *
     * @throws ApiException 429 with {@code Retry-After}: the seconds until the refusing allowance comes back
     */
    void acquire(String userId, String orgId) {
        refuseUnless(perUser.tryAcquire("invite-user:" + userId));
        refuseUnless(perOrganization.tryAcquire("invite-org:" + orgId));
    }

    /** The most unused, unexpired invitations one organisation may hold. */
    int maxPending() {
        return maxPending;
    }

    private static void refuseUnless(RateLimiter.Decision decision) {
        if (!decision.allowed()) {
            throw new ApiException(429, "Too Many Requests", "Too many invitations; try again later")
                    .retryAfter(decision.retryAfterSeconds());
        }
    }
}
