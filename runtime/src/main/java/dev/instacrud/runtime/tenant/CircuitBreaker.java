package dev.instacrud.runtime.tenant;

import java.time.Duration;
import java.time.Instant;

/**
 * One organisation's own database as its requests have found it. Closed: requests go through. Open: every request
 * is refused at once until the retry time. Half-open (the retry time has come): one request tries, the others are
 * still refused. It opens when a request finds the database unreachable for certain (no server could be selected
 * or connected to, or it refused the credentials), or after {@value #INCONCLUSIVE_FAILURES} failures in a row
 * that could also be one slow operation (a read that timed out). A success closes it; a failed try opens it
 * again for twice as long, up to 32 times the first period. Time is passed in, so it is tested without sleeping.
 * Thread-safe.
 */
final class CircuitBreaker {
    private enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private static final int MAX_DOUBLINGS = 5;
    static final int INCONCLUSIVE_FAILURES = 3;

    private final Duration period;
    private State state = State.CLOSED;
    private Instant openUntil;
    private int doublings;
    private int inconclusive;

    CircuitBreaker(Duration period) {
        this.period = period;
    }

    /** 0 when a request may go ahead (it may be the one try of a half-open breaker), else the seconds to wait. */
    synchronized long refusal(Instant now) {
        switch (state) {
            case CLOSED:
                return 0;
            case HALF_OPEN:
                return 1; // another request is trying
            default:
                if (now.isBefore(openUntil)) {
                    return secondsUntil(now);
                }
                state = State.HALF_OPEN;
                return 0;
        }
    }

    /** The database answered. */
    synchronized void succeeded() {
        state = State.CLOSED;
        doublings = 0;
        inconclusive = 0;
    }

    /**
     * A request failed to reach the database: for certain ({@code conclusive}), or by a timeout that one slow
     * operation could explain too. Returns the seconds until the next try, or 0 while the breaker stays closed.
     */
    synchronized long failed(Instant now, boolean conclusive) {
        if (state == State.OPEN && now.isBefore(openUntil)) {
            return secondsUntil(now); // another request of the same outage
        }
        if (state == State.CLOSED && !conclusive && ++inconclusive < INCONCLUSIVE_FAILURES) {
            return 0;
        }
        inconclusive = 0;
        if (state == State.HALF_OPEN) {
            doublings = Math.min(doublings + 1, MAX_DOUBLINGS);
        }
        state = State.OPEN;
        openUntil = now.plus(period.multipliedBy(1L << doublings));
        return secondsUntil(now);
    }

    private long secondsUntil(Instant now) {
        long millis = Duration.between(now, openUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
