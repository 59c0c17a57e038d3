package dev.instacrud.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as a table with time per entity for benchmarks that have an
 * {@code entities} parameter, the growth of time per entity from the smallest to the largest N, and the largest growth
 * between two neighbouring N (a step that grows faster than linear shows there even when the ends agree).
 */
public final class JmhTable {

    private JmhTable() {}

    /** {@code JmhTable RESULT.json}. */
    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        System.out.printf("%-45s %8s %14s %10s %16s%n", "benchmark", "N", "score", "error", "per entity");
        String last = null;
        List<Double> perEntities = new ArrayList<>();
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText().replaceFirst("^.*\\.jmh\\.", "");
            JsonNode n = r.path("params").path("entities");
            JsonNode m = r.get("primaryMetric");
            String unit = m.get("scoreUnit").asText();
            double score = m.get("score").asDouble();
            if (!name.equals(last)) {
                growth(last, perEntities);
                perEntities.clear();
                last = name;
            }
            if (n.isMissingNode()) {
                System.out.printf(
                        "%-45s %8s %14.3f %10.3f %16s%n",
                        name, "-", score, m.get("scoreError").asDouble(), unit);
                continue;
            }
            double perEntity = score / n.asDouble();
            perEntities.add(perEntity);
            System.out.printf(
                    "%-45s %8s %9.3f %-4s %10.3f %11.3f %-4s%n",
                    name,
                    n.asText(),
                    score,
                    unit.replace("/op", ""),
                    m.get("scoreError").asDouble(),
                    perEntity,
                    unit.replace("/op", ""));
        }
        growth(last, perEntities);
    }

    private static void growth(String name, List<Double> perEntity) {
        if (name == null || perEntity.size() < 2) {
            return;
        }
        double step = 0;
        for (int i = 1; i < perEntity.size(); i++) {
            step = Math.max(step, perEntity.get(i) / perEntity.get(i - 1));
        }
        System.out.printf(
                "  %s: time per entity, largest N ÷ smallest N = %.2f, largest step = %.2f (target <= 2)%n",
                name, perEntity.get(perEntity.size() - 1) / perEntity.get(0), step);
    }
}
