package dev.instacrud.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up benchmark: launches the bare baseline and (when given) a generated service in turn, several rounds,
 * alternating which goes first, and times each from launch to its first 200 on {@code /health}; prints medians, the
 * ratio secured ÷ bare and the peak RSS (VmHWM) at that moment.
 */
public final class StartupTimer {

    private StartupTimer() {}

    /**
     * Options: {@code --bare-cmd CMD}, {@code --secured-cmd CMD}, {@code --rounds N}, {@code --health PATH}, {@code
     * --external-mongo yes} (both sides over one MongoDB-wire server of its own process, through {@code MONGO_URL}),
     * {@code --labels A,B,...} (other names for the sides, e.g. {@code bare,before,after}), {@code --more-cmds
     * "CMD;;CMD"} (further sides after the secured one, all alternating in each round).
     */
    public static void main(String[] argv) throws Exception {
        Args a = new Args(
                argv, List.of("bare-cmd", "secured-cmd", "rounds", "health", "external-mongo", "labels", "more-cmds"));
        if (a.has("external-mongo")) {
            try (ExternalMongo mongo = ExternalMongo.start()) {
                run(a, Map.of("MODE", "test", "MONGO_URL", mongo.url()));
            }
        } else {
            run(a, Map.of("MODE", "test"));
        }
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void run(Args a, Map<String, String> env) throws Exception {
        String[] labels = a.get("labels", "bare,secured").split(",");
        List<String> names = new ArrayList<>(List.of(labels[0]));
        List<String> commands = new ArrayList<>(List.of(
                a.get("bare-cmd", "java " + ServiceBenchmark.JVM_FLAGS + " -jar bench/target/bare-baseline.jar")));
        System.out.println("bare:    " + commands.get(0));
        if (a.has("secured-cmd")) {
            System.out.println("secured: " + a.get("secured-cmd", ""));
            names.add(labels.length > 1 ? labels[1] : "secured");
            commands.add(a.get("secured-cmd", ""));
            if (a.has("more-cmds")) {
                for (String more : a.get("more-cmds", "").split(";;")) {
                    int k = names.size();
                    names.add(labels.length > k ? labels[k] : "side" + (k + 1));
                    commands.add(more.trim());
                    System.out.println(names.get(k) + ": " + more.trim());
                }
            }
        }
        int rounds = a.getInt("rounds", 5);
        String health = a.get("health", "/health");
        List<List<Double>> millis = new ArrayList<>();
        List<List<Double>> rss = new ArrayList<>();
        List<List<Double>> cpu = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            millis.add(new ArrayList<>());
            rss.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                int i = (k + r) % names.size();
                try (ServiceProcess p =
                        ServiceProcess.start(Args.words(commands.get(i)), env, health, Duration.ofSeconds(120))) {
                    millis.get(i).add(p.startupMillis());
                    rss.get(i).add(p.peakRssKiB() / 1024.0);
                    cpu.get(i).add((double) p.startupCpuMillis());
                    System.out.printf(
                            "round %d %-7s %7.0f ms  %6d ms CPU  %5.0f MiB  load %s%n",
                            r + 1,
                            names.get(i),
                            p.startupMillis(),
                            p.startupCpuMillis(),
                            p.peakRssKiB() / 1024.0,
                            load());
                }
            }
        }
        System.out.println();
        System.out.printf(
                "%-8s | %16s %8s %8s | %14s | %15s%n",
                "service", "median ms to 200", "min", "max", "median CPU ms", "median RSS MiB");
        for (int i = 0; i < names.size(); i++) {
            List<Double> m = millis.get(i);
            System.out.printf(
                    "%-8s | %16.0f %8.0f %8.0f | %14.0f | %15.0f%n",
                    names.get(i),
                    Args.median(m),
                    m.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    m.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    Args.median(cpu.get(i)),
                    Args.median(rss.get(i)));
        }
        if (names.size() > 1) {
            System.out.printf(
                    "%s ÷ %s start-up: %.2f; %s %.0f ms (issue 15 target <= 500), RSS %.0f MiB%n",
                    names.get(1),
                    names.get(0),
                    Args.median(millis.get(1)) / Args.median(millis.get(0)),
                    names.get(1),
                    Args.median(millis.get(1)),
                    Args.median(rss.get(1)));
        } else {
            System.out.println("secured: not run (bench/run-startup.sh passes --secured-cmd)");
        }
    }
}
