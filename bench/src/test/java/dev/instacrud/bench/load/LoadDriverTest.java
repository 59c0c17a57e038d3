package dev.instacrud.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.bench.baseline.BareService;
import dev.instacrud.bench.spec.SyntheticSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver against the real bare baseline (Jetty + embedded MongoDB on H2), with a few hundred requests. */
class LoadDriverTest {

    private static BareService service;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        service = BareService.start(0, null);
        base = URI.create("http://127.0.0.1:" + service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void bothTransportsSeedAndMeasureEveryOperation() throws Exception {
        for (String t : List.of("socket", "jdk")) {
            LoadDriver driver = new LoadDriver(Transport.named(t), base);
            Workload w = Workload.crud(
                    "org",
                    "",
                    "things-" + t,
                    "status=active",
                    SyntheticSpec.createBodyTemplate(),
                    Map.of("Authorization", "Bearer not-checked"));
            List<String> ids = driver.seed(w.create(), 20);
            assertEquals(20, ids.size());
            assertEquals(20, ids.stream().distinct().count());
            for (RequestTemplate op : w.operations()) {
                RunResult r = driver.run(
                        op, ids, 4, new LoadDriver.Limits(20, Duration.ofSeconds(10), 200, Duration.ofSeconds(20)));
                assertEquals(0, r.errors(), t + " " + op.name());
                assertEquals(200, r.requests(), t + " " + op.name());
                assertTrue(r.p50Micros() > 0 && r.p50Micros() <= r.p99Micros(), r.toString());
                assertTrue(r.requestsPerSecond() > 0);
            }
        }
    }

    @Test
    void runStopsAtItsTimeBoundAndCountsFailures() throws Exception {
        LoadDriver driver = new LoadDriver(Transport.named("socket"), base);
        RequestTemplate missing = new RequestTemplate("missing", "GET", "/nothing/here/at/all", Map.of(), null);
        RunResult r = driver.run(
                missing,
                List.of(),
                2,
                new LoadDriver.Limits(0, Duration.ZERO, Long.MAX_VALUE / 2, Duration.ofMillis(300)));
        assertEquals(0, r.requests());
        assertTrue(r.errors() > 0);
        assertTrue(r.seconds() < 5, "bounded by time: " + r.seconds());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertEquals(50, RunResult.percentile(v, 0.50));
        assertEquals(99, RunResult.percentile(v, 0.99));
        assertEquals(0, RunResult.percentile(new long[0], 0.5));
        RunResult r = RunResult.of("x", 1, new long[] {3000, 1000, 2000}, 0, 1.0);
        assertEquals(2.0, r.p50Micros());
        assertEquals(3.0, r.p99Micros());
        assertEquals(3.0, r.requestsPerSecond());
    }
}
