package dev.instacrud.runtime.config;

import java.time.Duration;
import java.util.Locale;

/**
 * A rate such as {@code 5/minute}: at most {@code limit} requests per {@code window}.
 *
 * @param limit requests allowed per window, at least 1
 * @param window the window length
 */
public record RateSpec(int limit, Duration window) {
    public RateSpec {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }

    /** Parses {@code N/second|minute|hour|day}. */
    static RateSpec parse(String variable, String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new ConfigException(variable, "expected N/second|minute|hour|day, got '" + text + "'");
        }
        int limit;
        try {
            limit = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(variable, "expected N/second|minute|hour|day, got '" + text + "'");
        }
        if (limit < 1 || limit > 1_000_000) {
            throw new ConfigException(variable, "the count must be between 1 and 1000000");
        }
        Duration window = switch (parts[1].trim().toLowerCase(Locale.ROOT)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            default -> throw new ConfigException(variable, "expected N/second|minute|hour|day, got '" + text + "'");
        };
        return new RateSpec(limit, window);
    }
}
