package dev.instacrud.bench.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic {@code instacrud.yaml} with N entities, valid by construction, for the generation and service
 * benchmarks.
 *
 * <p>Every entity carries the field mix of the samples: strings with {@code minLength}, {@code maxLength} and
 * {@code pattern}; an int and a double with {@code minimum}/{@code maximum}; an enum with a default; a date; a list of
 * strings with {@code maxItems}; and, from the second entity on, an optional ref to an earlier org-scoped entity with
 * an {@code onDelete} rule. Every fifth entity is {@code scope: user}. Names are {@code Entity0001}...; paths are
 * {@code entities-0001}..., so both are unique. The output depends only on N (no randomness), so two runs compare.
 *
 * <p>Entity {@code Entity0001} is org-scoped and {@code Entity0005} user-scoped: the service benchmark drives those
 * two, with bodies from {@link #createBody(long)}.
 */
public final class SyntheticSpec {

    private static final String[] ON_DELETE = {"restrict", "cascade", "set-null"};

    private SyntheticSpec() {}

    /** The spec text for {@code n} entities ({@code n >= 1}). */
    public static String render(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        StringBuilder y = new StringBuilder(256 + n * 900);
        y.append("# Synthetic spec for the InstaCRUD benchmarks: ").append(n).append(" entities.\n");
        y.append("service:\n");
        y.append("  name: bench-").append(n).append('\n');
        y.append("  package: org.example.bench.n").append(n).append('\n');
        y.append("entities:\n");
        for (int i = 1; i <= n; i++) {
            appendEntity(y, i);
        }
        return y.toString();
    }

    /** Writes {@link #render(int)} to {@code file} (UTF-8), creating parent folders. */
    public static void write(int n, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(n), StandardCharsets.UTF_8);
    }

    /** The name of entity {@code i} (1-based). */
    public static String entityName(int i) {
        return String.format("Entity%04d", i);
    }

    /** The REST path of entity {@code i} (1-based). */
    public static String entityPath(int i) {
        return String.format("entities-%04d", i);
    }

    /** Whether entity {@code i} is user-scoped (one in five). */
    public static boolean isUserScoped(int i) {
        return i % 5 == 0;
    }

    /**
     * A JSON body that creates a valid instance of any synthetic entity; {@code seq} makes the unique {@code code}
     * differ between calls.
     */
    public static String createBody(long seq) {
        return createBodyTemplate().replace("{seq}", Long.toString(seq % 1_000_000_000L));
    }

    /** {@link #createBody(long)} with {@code {seq}} where the number goes (the load driver fills it in). */
    public static String createBodyTemplate() {
        return "{\"name\":\"item {seq}\",\"code\":\"ABC{seq}\",\"quantity\":7,\"price\":12.5,"
                + "\"status\":\"active\",\"startDate\":\"2026-01-15\",\"tags\":[\"a\",\"b\"]}";
    }

    private static void appendEntity(StringBuilder y, int i) {
        y.append("  ").append(entityName(i)).append(":\n");
        if (isUserScoped(i)) {
            y.append("    scope: user\n");
        }
        y.append("    path: ").append(entityPath(i)).append('\n');
        y.append("    fields:\n");
        y.append("      name:      { type: string, required: true, minLength: 1, maxLength: 80,"
                + " pattern: \"^[A-Za-z0-9 .'-]+$\" }\n");
        y.append("      code:      { type: string, minLength: 4, maxLength: 12, pattern: \"^[A-Z]{3}[0-9]{1,9}$\","
                + " unique: true }\n");
        y.append("      quantity:  { type: int, minimum: 0, maximum: ")
                .append(1000 + i)
                .append(" }\n");
        y.append("      price:     { type: double, minimum: 0, maximum: 1000000 }\n");
        y.append("      status:    { type: enum, values: [draft, active, archived], default: draft }\n");
        y.append("      startDate: { type: date }\n");
        y.append("      tags:      { type: list, of: string, maxItems: 10 }\n");
        if (i > 1) {
            y.append("      parent:    { type: ref, to: ")
                    .append(entityName(refTarget(i)))
                    .append(", onDelete: ")
                    .append(onDelete(i))
                    .append(" }\n");
        }
    }

    /** The rule of entity {@code i}'s parent ref: a private ref to a shared entity never restricts (rule private-ref). */
    static String onDelete(int i) {
        String rule = ON_DELETE[i % ON_DELETE.length];
        return isUserScoped(i) && rule.equals("restrict") ? "set-null" : rule;
    }

    /**
     * An earlier org-scoped entity, spread over the whole range rather than always the previous one. The index is
     * hashed first: any polynomial in {@code i} taken modulo {@code i - 1} is a constant (i ≡ 1), which once sent
     * every entity after the 32nd to the same target.
     */
    static int refTarget(int i) {
        long h = ((long) i * 0x9E3779B97F4A7C15L) >>> 33; // Fibonacci hashing: deterministic, well spread
        int t = 1 + (int) (h % (i - 1));
        while (isUserScoped(t)) {
            t--;
        }
        return t;
    }

    /** {@code SyntheticSpec N FILE}: writes the spec for N entities to FILE. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticSpec N FILE");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        write(n, file);
        System.out.println("wrote " + n + " entities to " + file);
    }
}
