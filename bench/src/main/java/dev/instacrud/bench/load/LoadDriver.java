package dev.instacrud.bench.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives one HTTP target with a closed loop: {@code concurrency} workers, each on its own keep-alive connection,
 * send one request after another. Every run is bounded twice, by a request count and by wall time, after a warm-up
 * phase bounded the same way; latencies of the measured phase are kept in arrays and sorted for p50 and p99.
 */
public final class LoadDriver {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Transport transport;
    private final URI base;
    private final AtomicLong sequence = new AtomicLong(1);

    /** A driver for {@code base} (e.g. {@code http://127.0.0.1:8080}) over {@code transport}. */
    public LoadDriver(Transport transport, URI base) {
        this.transport = transport;
        this.base = base;
    }

    /** Run limits: requests and wall time, for the warm-up and the measured phase. */
    public record Limits(long warmupRequests, Duration warmupTime, long maxRequests, Duration maxTime) {}

    /**
     * Sends {@code count} create requests and returns the ids found in their responses ({@code "id": "..."}).
     *
     * @throws IOException when a create fails or its response holds no id
     */
    public List<String> seed(RequestTemplate create, int count) throws IOException {
        List<String> ids = new ArrayList<>(count);
        try (Transport.Connection c = transport.open(base)) {
            for (int i = 0; i < count; i++) {
                Transport.Response r = c.send(create.resolve(sequence.getAndIncrement(), List.of()));
                Matcher m = ID.matcher(r.body());
                if (r.status() / 100 != 2 || !m.find()) {
                    throw new IOException(create.name() + " seeding got " + r.status() + ": " + abbreviate(r.body()));
                }
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Warms up, then measures {@code op} at {@code concurrency}, within {@code limits}. */
    public RunResult run(RequestTemplate op, List<String> ids, int concurrency, Limits limits)
            throws InterruptedException {
        phase(op, ids, concurrency, limits.warmupRequests(), limits.warmupTime(), false);
        return phase(op, ids, concurrency, limits.maxRequests(), limits.maxTime(), true);
    }

    private RunResult phase(
            RequestTemplate op, List<String> ids, int concurrency, long maxRequests, Duration maxTime, boolean record)
            throws InterruptedException {
        AtomicLong budget = new AtomicLong(maxRequests);
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            // grown on demand: the request bound may be far above what the time bound lets through
            latencies[w] = new long[record ? (int) Math.min(4096, Math.max(0, maxRequests)) : 0];
            workers[w] = new Thread(
                    () -> {
                        try (Transport.Connection c = transport.open(base)) {
                            while (budget.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                                RequestTemplate.Request request = op.resolve(sequence.getAndIncrement(), ids);
                                long t0 = System.nanoTime();
                                boolean ok;
                                try {
                                    ok = c.send(request).status() / 100 == 2;
                                } catch (IOException e) {
                                    ok = false;
                                    c.reset();
                                }
                                long t1 = System.nanoTime();
                                if (!ok) {
                                    errors.incrementAndGet();
                                } else if (record) {
                                    if (counts[worker] == latencies[worker].length) {
                                        latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2 + 16);
                                    }
                                    latencies[worker][counts[worker]++] = t1 - t0;
                                }
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    },
                    "load-" + op.name() + "-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        return RunResult.of(op.name(), concurrency, all, errors.get(), seconds);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
