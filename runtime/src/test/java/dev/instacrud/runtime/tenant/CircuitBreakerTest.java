package dev.instacrud.runtime.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The breaker of one organisation's own database, with time passed in. */
class CircuitBreakerTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final CircuitBreaker breaker = new CircuitBreaker(Duration.ofSeconds(30));

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aCertainFailureOpensItUntilTheRetryTimeThenOneRequestTries() {
        assertEquals(0, breaker.refusal(at(0)));
        assertEquals(30, breaker.failed(at(0), true));
        assertEquals(30, breaker.failed(at(0), true), "another request of the same outage changes nothing");
        assertEquals(20, breaker.refusal(at(10)));
        assertEquals(0, breaker.refusal(at(30)), "the try");
        assertEquals(1, breaker.refusal(at(30)), "the others wait for the try");
        assertEquals(60, breaker.failed(at(31), true), "a failed try doubles the wait");
        assertEquals(0, breaker.refusal(at(91)));
        assertEquals(120, breaker.failed(at(91), true));
        assertEquals(0, breaker.refusal(at(211)));
        breaker.succeeded();
        assertEquals(0, breaker.refusal(at(212)));
        assertEquals(30, breaker.failed(at(212), true), "back to the first period");
    }

    @Test
    void theWaitStopsDoublingAt32Times() {
        long now = 0;
        breaker.failed(at(now), true);
        long wait = 30;
        for (int i = 0; i < 10; i++) {
            now += wait;
            assertEquals(0, breaker.refusal(at(now)));
            wait = breaker.failed(at(now), true);
        }
        assertEquals(30 * 32, wait);
    }

    @Test
    void timeoutsThatOneSlowOperationCouldExplainOpenItOnlyInARow() {
        assertEquals(0, breaker.failed(at(0), false));
        breaker.succeeded();
        assertEquals(0, breaker.failed(at(1), false));
        assertEquals(0, breaker.failed(at(2), false));
        assertEquals(0, breaker.refusal(at(2)));
        assertEquals(30, breaker.failed(at(3), false));
        assertEquals(29, breaker.refusal(at(4)));
    }
}
