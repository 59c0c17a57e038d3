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

    /** Options: {@code --bare-cmd CMD}, {@code --secured-cmd CMD}, {@code --rounds N}, {@code --health PATH}. */
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, List.of("bare-cmd", "secured-cmd", "rounds", "health"));
        List<String> names = new ArrayList<>(List.of("bare"));
        List<String> commands = new ArrayList<>(List.of(
                a.get("bare-cmd", "java " + ServiceBenchmark.JVM_FLAGS + " -jar bench/target/bare-baseline.jar")));
        System.out.println("bare:    " + commands.get(0));
        if (a.has("secured-cmd")) {
            System.out.println("secured: " + a.get("secured-cmd", ""));
            names.add("secured");
            commands.add(a.get("secured-cmd", ""));
        }
        int rounds = a.getInt("rounds", 5);
        String health = a.get("health", "/health");
        List<List<Double>> millis = new ArrayList<>();
        List<List<Double>> rss = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            millis.add(new ArrayList<>());
            rss.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                int i = (k + r) % names.size();
                try (ServiceProcess p = ServiceProcess.start(
                        Args.words(commands.get(i)), Map.of("MODE", "test"), health, Duration.ofSeconds(120))) {
                    millis.get(i).add(p.startupMillis());
                    rss.get(i).add(p.peakRssKiB() / 1024.0);
                    System.out.printf(
                            "round %d %-7s %7.0f ms  %5.0f MiB%n",
                            r + 1, names.get(i), p.startupMillis(), p.peakRssKiB() / 1024.0);
                }
            }
        }
        System.out.println();
        System.out.printf(
                "%-8s | %16s %8s %8s | %15s%n", "service", "median ms to 200", "min", "max", "median RSS MiB");
        for (int i = 0; i < names.size(); i++) {
            List<Double> m = millis.get(i);
            System.out.printf(
                    "%-8s | %16.0f %8.0f %8.0f | %15.0f%n",
                    names.get(i),
                    Args.median(m),
                    m.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    m.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    Args.median(rss.get(i)));
        }
        if (names.size() > 1) {
            System.out.printf(
                    "secured ÷ bare start-up: %.2f (target <= 5); secured RSS %.0f MiB (target < 256)%n",
                    Args.median(millis.get(1)) / Args.median(millis.get(0)), Args.median(rss.get(1)));
        } else {
            System.out.println("secured: not run (bench/run-startup.sh passes --secured-cmd)");
        }
    }
}
