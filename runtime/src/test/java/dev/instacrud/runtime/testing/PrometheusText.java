package dev.instacrud.runtime.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests that scrape {@code
 * /metrics} over HTTP: every line must be a {@code # HELP}, a {@code # TYPE} or a sample, or reading fails.
 */
public final class PrometheusText {
    /** One sample line: metric name, labels in order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    private PrometheusText() {}

    /** Every sample of the text; throws {@link AssertionError} naming the first line that does not parse. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (i != lines.length - 1) {
                    throw new AssertionError("empty line " + (i + 1));
                }
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 4 || !NAME.matcher(parts[2]).matches()) {
                    throw new AssertionError("bad comment line " + (i + 1) + ": " + line);
                }
                continue;
            }
            samples.add(sample(line, i + 1));
        }
        return samples;
    }

    private static Sample sample(String line, int number) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt()) {
            throw new AssertionError("line " + number + " starts with no metric name: " + line);
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher label = LABEL.matcher(line);
                label.region(at, line.length());
                if (!label.lookingAt()) {
                    throw new AssertionError("bad label at column " + at + " of line " + number + ": " + line);
                }
                labels.put(label.group(1), unescape(label.group(2)));
                at = label.end();
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String[] rest = line.substring(at).trim().split(" ");
        double value;
        try {
            value = switch (rest[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(rest[0]);
            };
        } catch (NumberFormatException e) {
            throw new AssertionError("bad value on line " + number + ": " + line);
        }
        return new Sample(name.group(), Collections.unmodifiableMap(labels), value);
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /**
     * The sum of the samples of this name whose labels include every given {@code key, value} pair; 0 when
     * there is none.
     */
    public static double sum(List<Sample> samples, String name, String... labelPairs) {
        double total = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && matches(sample, labelPairs)) {
                total += sample.value();
            }
        }
        return total;
    }

    /** The samples of this name. */
    public static List<Sample> named(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static boolean matches(Sample sample, String... labelPairs) {
        for (int i = 0; i < labelPairs.length; i += 2) {
            if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
