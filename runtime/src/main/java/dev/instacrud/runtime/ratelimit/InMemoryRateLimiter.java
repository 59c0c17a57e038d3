package dev.instacrud.runtime.ratelimit;

import dev.instacrud.runtime.config.RateSpec;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One bucket4j bucket per key, refilled all at once every window, for a single instance. The table of
 * keys is bounded: past {@code maxKeys} it is cleared, which can only let a client start afresh, never
 * block an innocent one, and keeps memory flat under an IP-spraying attack.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private final RateSpec spec;
    private final TimeMeter time;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param spec the limit per window
     * @param clock the time source (tests pass a fixed or stepping clock)
     * @param maxKeys the largest number of keys tracked at once
     */
    public InMemoryRateLimiter(RateSpec spec, Clock clock, int maxKeys) {
        this.spec = spec;
        this.maxKeys = maxKeys;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public Decision tryAcquire(String key) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(spec.limit()).refillIntervally(spec.limit(), spec.window()))
                        .withCustomTimePrecision(time)
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Decision.ALLOWED;
        }
        return Decision.refused(TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}
