package dev.instacrud.bench.load;

import dev.instacrud.bench.spec.SyntheticSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service benchmark: the bare baseline and (when given) a generated service, both started here as processes,
 * driven with the same workload at each concurrency level, alternating the two sides run after run; prints medians
 * over the rounds and the ratio secured ÷ bare, then each process's peak RSS.
 *
 * <p>The workload is two entities of the synthetic spec ({@code SyntheticSpec 5}): {@code entities-0001}
 * (org-scoped) and {@code entities-0005} (user-scoped). Both sides get {@code MODE=test} (no rate limits), a fresh
 * {@code DATA_DIR} and {@code PORT}. The secured side is addressed under {@code /api/v1}, lists with its own filter
 * syntax ({@code ?filter={"status":"active"}&limit=50}) and sends {@code Authorization: Bearer TOKEN}, the token
 * given with {@code --token} or minted by signing up and in over HTTP ({@code BCRYPT_COST=4}: the sign-up is not
 * measured).
 */
public final class ServiceBenchmark {

    private static final List<String> OPTIONS = List.of(
            "bare-cmd",
            "secured-cmd",
            "secured-prefix",
            "token",
            "org-path",
            "user-path",
            "filter",
            "secured-filter",
            "concurrency",
            "rounds",
            "max-requests",
            "max-seconds",
            "warmup-requests",
            "warmup-seconds",
            "seed",
            "transport",
            "compare-transports",
            "only",
            "external-mongo",
            "nmt");

    /** The default JVM flags of both sides: a small heap and the serial collector keep RSS low on 2 cores. */
    static final String JVM_FLAGS = "-Xmx128m -XX:+UseSerialGC";

    private ServiceBenchmark() {}

    /** One side of the comparison: a running service, its workloads with seeded ids, and its results. */
    private record Side(
            String name,
            ServiceProcess process,
            LoadDriver driver,
            List<Workload> workloads,
            Map<String, List<String>> ids,
            Map<String, List<RunResult>> results) {}

    /** See bench/README.md for the options. */
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, OPTIONS);
        Transport transport = Transport.named(a.get("transport", "socket"));
        Duration healthTimeout = Duration.ofSeconds(120);
        String orgPath = a.get("org-path", SyntheticSpec.entityPath(1));
        String userPath = a.get("user-path", SyntheticSpec.entityPath(5));
        String body = SyntheticSpec.createBodyTemplate();
        int seed = a.getInt("seed", 200);
        // rate limits off (MODE=test), and a cheap bcrypt for the one sign-up: neither is in the measured requests
        Map<String, String> env = new java.util.HashMap<>(Map.of("MODE", "test", "BCRYPT_COST", "4"));
        // --external-mongo yes: both sides over one MongoDB-wire server of its own process (MONGO_URL)
        ExternalMongo mongo = a.has("external-mongo") ? ExternalMongo.start() : null;
        if (mongo != null) {
            env.put("MONGO_URL", mongo.url());
        }

        List<Side> sides = new ArrayList<>();
        try {
            String bareCmd = a.get("bare-cmd", "java " + JVM_FLAGS + " -jar bench/target/bare-baseline.jar");
            System.out.println("bare:    " + bareCmd);
            sides.add(side(
                    "bare",
                    bareCmd,
                    env,
                    "",
                    null,
                    orgPath,
                    userPath,
                    a.get("filter", "status=active"),
                    body,
                    transport,
                    seed,
                    healthTimeout));
            if (a.has("compare-transports")) {
                compareTransports(sides.get(0), Duration.ofSeconds(a.getInt("compare-transports", 2)));
            }
            if (a.has("secured-cmd")) {
                System.out.println("secured: " + a.get("secured-cmd", ""));
                // the generated service's filter syntax: ?filter=<JSON> over declared fields, one page of 50
                sides.add(side(
                        "secured",
                        a.get("secured-cmd", ""),
                        env,
                        a.get("secured-prefix", "/api/v1"),
                        a.has("token") ? a.get("token", "") : null,
                        orgPath,
                        userPath,
                        a.get("secured-filter", "filter=%7B%22status%22%3A%22active%22%7D&limit=50"),
                        body,
                        transport,
                        seed,
                        healthTimeout));
            }
            LoadDriver.Limits limits = new LoadDriver.Limits(
                    a.getInt("warmup-requests", 2000),
                    Duration.ofMillis((long) (1000 * Double.parseDouble(a.get("warmup-seconds", "1")))),
                    a.getInt("max-requests", 20000),
                    Duration.ofMillis((long) (1000 * Double.parseDouble(a.get("max-seconds", "3")))));
            int rounds = a.getInt("rounds", 3);
            List<Integer> levels = new ArrayList<>();
            for (String c : a.get("concurrency", "1,8,32").split(",")) {
                levels.add(Integer.parseInt(c.trim()));
            }
            System.out.printf(
                    "transport %s, %d rounds, each run <= %d requests and <= %s after a warm-up%n",
                    transport.name(), rounds, limits.maxRequests(), limits.maxTime());
            // operation-major: every GET and list runs before any create, so both sides list over collections
            // of exactly the seeded size (a list is a full scan on the embedded server, and the number of creates
            // that fit in a time-bounded run differs between sides)
            // --only REGEX: just the operations whose name matches (e.g. while profiling one of them)
            Pattern only = Pattern.compile(a.get("only", ".*"));
            int ops = sides.get(0).workloads().get(0).operations().size();
            for (int op = 0; op < ops; op++) {
                for (int w = 0; w < sides.get(0).workloads().size(); w++) {
                    if (!only.matcher(sides.get(0)
                                    .workloads()
                                    .get(w)
                                    .operations()
                                    .get(op)
                                    .name())
                            .find()) {
                        continue;
                    }
                    for (int c : levels) {
                        for (int r = 0; r < rounds; r++) {
                            // alternate which side goes first, so drift on a shared machine hits both alike
                            for (int k = 0; k < sides.size(); k++) {
                                Side s = sides.get((k + r) % sides.size());
                                Workload wl = s.workloads().get(w);
                                RunResult res = s.driver()
                                        .run(wl.operations().get(op), s.ids().get(wl.label()), c, limits);
                                s.results()
                                        .computeIfAbsent(res.operation() + "@" + c, x -> new ArrayList<>())
                                        .add(res);
                            }
                        }
                    }
                }
            }
            print(sides, levels);
            if (a.has("nmt")) {
                // --nmt yes, with -XX:NativeMemoryTracking=summary in both sides' flags: where each side's memory is
                for (Side s : sides) {
                    System.out.println("== " + s.name() + ": jcmd VM.native_memory summary ==");
                    new ProcessBuilder("jcmd", Long.toString(s.process().pid()), "VM.native_memory", "summary")
                            .inheritIO()
                            .start()
                            .waitFor();
                }
            }
        } finally {
            for (Side s : sides) {
                s.process().close();
            }
            if (mongo != null) {
                mongo.close();
            }
        }
    }

    /**
     * Starts one side and seeds both entities. With a {@code prefix} (the secured side) every request carries a
     * bearer token: {@code token} when given, else one minted by signing up and in over HTTP.
     */
    private static Side side(
            String name,
            String command,
            Map<String, String> env,
            String prefix,
            String token,
            String orgPath,
            String userPath,
            String filter,
            String body,
            Transport transport,
            int seed,
            Duration timeout)
            throws Exception {
        ServiceProcess p = ServiceProcess.start(Args.words(command), env, "/health", timeout);
        System.out.printf("%s: started in %.0f ms on %s (pid %d)%n", name, p.startupMillis(), p.base(), p.pid());
        Map<String, String> headers = Map.of();
        if (!prefix.isEmpty()) {
            String t = token != null
                    ? token
                    : Accounts.mintToken(transport, p.base(), prefix, "bench-" + p.pid() + "@example.com");
            headers = Map.of("Authorization", "Bearer " + t);
        }
        LoadDriver driver = new LoadDriver(transport, p.base());
        List<Workload> workloads = List.of(
                Workload.crud("org", prefix, orgPath, filter, body, headers),
                Workload.crud("user", prefix, userPath, filter, body, headers));
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (Workload w : workloads) {
            ids.put(w.label(), driver.seed(w.create(), seed));
        }
        return new Side(name, p, driver, workloads, ids, new LinkedHashMap<>());
    }

    private static void compareTransports(Side bare, Duration time) throws Exception {
        RequestTemplate get = bare.workloads().get(0).operations().get(0);
        System.out.println("transport check: " + get.name() + " on the bare baseline, concurrency 8, " + time);
        for (String t : List.of("socket", "jdk", "socket", "jdk")) {
            LoadDriver d = new LoadDriver(Transport.named(t), bare.process().base());
            RunResult r = d.run(
                    get,
                    bare.ids().get("org"),
                    8,
                    new LoadDriver.Limits(1000, Duration.ofMillis(500), 1_000_000, time));
            System.out.printf(
                    "  %-6s %9.0f req/s  p50 %7.0f us  p99 %7.0f us%n",
                    t, r.requestsPerSecond(), r.p50Micros(), r.p99Micros());
        }
    }

    private static void print(List<Side> sides, List<Integer> levels) {
        boolean secured = sides.size() > 1;
        System.out.println();
        System.out.printf(
                "%-20s %4s | %9s %8s %8s | %9s %8s %8s | %7s %7s%n",
                "operation",
                "conc",
                "bare r/s",
                "p50 us",
                "p99 us",
                "sec. r/s",
                "p50 us",
                "p99 us",
                "sec/bare",
                "p99/p50");
        for (int c : levels) {
            for (String key : sides.get(0).results().keySet()) {
                if (!key.endsWith("@" + c)) {
                    continue;
                }
                double[] bare = medians(sides.get(0).results().get(key));
                String op = key.substring(0, key.lastIndexOf('@'));
                if (secured) {
                    double[] sec = medians(sides.get(1).results().get(key));
                    System.out.printf(
                            "%-20s %4d | %9.0f %8.0f %8.0f | %9.0f %8.0f %8.0f | %7.2f %7.1f%n",
                            op,
                            c,
                            bare[0],
                            bare[1],
                            bare[2],
                            sec[0],
                            sec[1],
                            sec[2],
                            sec[0] / bare[0],
                            sec[2] / sec[1]);
                } else {
                    System.out.printf(
                            "%-20s %4d | %9.0f %8.0f %8.0f | %9s %8s %8s | %7s %7s%n",
                            op, c, bare[0], bare[1], bare[2], "pending", "-", "-", "-", "-");
                }
            }
        }
        long errors = 0;
        for (Side s : sides) {
            for (List<RunResult> rs : s.results().values()) {
                for (RunResult r : rs) {
                    errors += r.errors();
                }
            }
        }
        System.out.println("(medians over rounds; r/s counts 2xx answers only; failed requests: " + errors + ")");
        for (Side s : sides) {
            System.out.printf(
                    "%s: peak RSS %.0f MiB (VmHWM after the load), RSS now %.0f MiB%n",
                    s.name(), s.process().peakRssKiB() / 1024.0, s.process().rssKiB() / 1024.0);
        }
        if (secured) {
            System.out.println("issue 15 targets: sec/bare >= 0.8 for GET by id and list at concurrency 32; "
                    + "p99/p50 of GET by id at 32 <= 3 on both sides; RSS <= 160 MiB with -Xmx128m and MONGO_URL");
        }
        if (!secured) {
            System.out.println("secured side: not run (bench/run-service.sh passes --secured-cmd)");
        }
    }

    private static double[] medians(List<RunResult> rs) {
        List<Double> rps = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (RunResult r : rs) {
            rps.add(r.requestsPerSecond());
            p50.add(r.p50Micros());
            p99.add(r.p99Micros());
        }
        return new double[] {Args.median(rps), Args.median(p50), Args.median(p99)};
    }
}
