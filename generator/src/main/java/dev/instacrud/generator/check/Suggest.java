package dev.instacrud.generator.check;

import java.util.Collection;
import java.util.Locale;

/** Did-you-mean: the closest known word within a small edit distance. */
final class Suggest {
    private Suggest() {}

    /** {@code "; did you mean 'x'?"}, or an empty string when nothing is close. */
    static String didYouMean(String input, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lowered = input.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = c.equals(lowered) ? 0 : distance(lowered, c) + 1;
            if (d > 2
                    && Math.min(c.length(), lowered.length()) >= 3
                    && (c.startsWith(lowered) || lowered.startsWith(c))) {
                d = 2; // "integer" for int, "bool" for boolean
            }
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, input.length() / 3) + 1;
        return best != null && bestDistance <= allowed ? "; did you mean '" + best + "'?" : "";
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE / 2; // long strings are never typos of our short words
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
