package dev.instacrud.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of the benchmark mains; an unknown or valueless option is a usage error. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, List<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option " + a + "; options: --" + String.join(" --", known));
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    boolean has(String name) {
        return values.containsKey(name) && !values.get(name).isBlank();
    }

    static List<String> words(String command) {
        return new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
