package dev.instacrud.bench.load;

import java.util.Arrays;

/**
 * What one measured run of one operation at one concurrency gave.
 *
 * @param operation operation name
 * @param concurrency number of workers (connections)
 * @param requests requests completed in the measured phase
 * @param errors responses that were not 2xx, or I/O failures
 * @param seconds length of the measured phase
 * @param p50Micros median latency, microseconds
 * @param p99Micros 99th percentile latency, microseconds
 */
public record RunResult(
        String operation,
        int concurrency,
        long requests,
        long errors,
        double seconds,
        double p50Micros,
        double p99Micros) {

    /** Requests per second over the measured phase. */
    public double requestsPerSecond() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** Builds a result from raw latencies in nanoseconds (sorted in place). */
    static RunResult of(String operation, int concurrency, long[] latenciesNanos, long errors, double seconds) {
        Arrays.sort(latenciesNanos);
        return new RunResult(
                operation,
                concurrency,
                latenciesNanos.length,
                errors,
                seconds,
                percentile(latenciesNanos, 0.50) / 1000.0,
                percentile(latenciesNanos, 0.99) / 1000.0);
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
