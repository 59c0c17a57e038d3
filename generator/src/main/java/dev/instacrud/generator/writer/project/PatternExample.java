package dev.instacrud.generator.writer.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A string that a spec's {@code pattern} matches, for the README's example bodies: the pattern is read as a
 * sequence of atoms (a character, an escape, a class such as {@code [A-Z]} or {@code \p{L}}, a group, an
 * alternation) with their quantifiers, and each atom is written out the fewest times its quantifier allows,
 * or more ({@code stretch}) to reach a least length. A class is written as the first of a few plain characters
 * it accepts, tested with the class itself, so its meaning is Java's, not a re-implementation. Lookarounds and
 * back-references are not followed; every result is checked against the whole pattern and the length bounds by
 * the caller, which falls back to asking the reader to edit the value.
 */
final class PatternExample {
    // the characters a class is tried with, in order: letters first, as people write examples
    private static final String PREFERRED =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ .@+:/,'()ÄéßΩ";

    private final String regex;
    private int at;

    private PatternExample(String regex) {
        this.regex = regex;
    }

    /**
     * Candidates for the pattern, shortest first, each atom repeated {@code stretch} times more than its least
     * for {@code stretch} = 0, 1, 2, ...; empty when the pattern uses what this does not follow.
     */
    static List<String> candidates(String regex, int maxStretch) {
        List<String> out = new ArrayList<>();
        for (int stretch = 0; stretch <= maxStretch; stretch++) {
            try {
                PatternExample example = new PatternExample(regex);
                String text = example.alternation(stretch);
                if (example.at != regex.length()) {
                    return out;
                }
                if (!out.contains(text)) {
                    out.add(text);
                }
            } catch (Unsupported | PatternSyntaxException | StringIndexOutOfBoundsException e) {
                return out;
            }
        }
        return out;
    }

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    // a|b|c: the first branch
    private String alternation(int stretch) {
        String first = sequence(stretch);
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            sequence(stretch);
        }
        return first;
    }

    private String sequence(int stretch) {
        StringBuilder out = new StringBuilder();
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            int begin = at;
            String atom = atom(stretch);
            if (atom == null) {
                continue; // an anchor or a flag: nothing to write
            }
            int[] range = quantifier();
            int times = range[0] + (range[1] > range[0] ? Math.min(stretch, range[1] - range[0]) : 0);
            if (range[0] == 0 && range[1] > 0 && times == 0 && stretch > 0) {
                times = 1;
            }
            out.append(atom.repeat(times));
            if (at == begin) {
                throw new Unsupported();
            }
        }
        return out.toString();
    }

    // the text of one atom, or null for one that matches no character
    private String atom(int stretch) {
        char c = regex.charAt(at);
        switch (c) {
            case '^', '$' -> {
                at++;
                return null;
            }
            case '(' -> {
                return group(stretch);
            }
            case '[' -> {
                int end = classEnd(at);
                String cls = regex.substring(at, end);
                at = end;
                return member(cls);
            }
            case '.' -> {
                at++;
                return "x";
            }
            case '\\' -> {
                return escape();
            }
            case '*', '+', '?', '{' -> throw new Unsupported();
            default -> {
                at++;
                return String.valueOf(c);
            }
        }
    }

    private String group(int stretch) {
        at++; // (
        if (regex.startsWith("?:", at)) {
            at += 2;
        } else if (regex.startsWith("?<", at) && !regex.startsWith("?<=", at) && !regex.startsWith("?<!", at)) {
            at = regex.indexOf('>', at) + 1;
        } else if (regex.charAt(at) == '?') {
            // a flag group such as (?i): nothing to write; a lookaround is not followed
            int close = regex.indexOf(')', at);
            String inside = regex.substring(at + 1, close);
            if (!inside.matches("[a-zA-Z-]+")) {
                throw new Unsupported();
            }
            at = close + 1;
            return null;
        }
        String text = alternation(stretch);
        if (regex.charAt(at) != ')') {
            throw new Unsupported();
        }
        at++;
        return text;
    }

    private String escape() {
        char next = regex.charAt(at + 1);
        String cls;
        if (next == 'p' || next == 'P') {
            int end = regex.charAt(at + 2) == '{' ? regex.indexOf('}', at) + 1 : at + 3;
            cls = regex.substring(at, end);
            at = end;
            return member(cls);
        }
        if ("dDwWsShHvV".indexOf(next) >= 0) {
            cls = regex.substring(at, at + 2);
            at += 2;
            return member(cls);
        }
        if (next == 'b' || next == 'B' || next == 'A' || next == 'z' || next == 'Z' || next == 'G') {
            at += 2;
            return null;
        }
        if (Character.isDigit(next) || next == 'k' || next == 'Q' || next == 'x' || next == 'u' || next == 'c') {
            throw new Unsupported(); // back-references, quoting and code points: not followed
        }
        at += 2;
        return switch (next) {
            case 't' -> "\t";
            case 'n' -> "\n";
            default -> String.valueOf(next); // \. \- \( ...: the character itself
        };
    }

    // a class's end, past its ']', minding escapes and nested classes
    private int classEnd(int start) {
        int depth = 0;
        for (int i = start; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && i > start + 1 && !(i == start + 2 && regex.charAt(start + 1) == '^')) {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        throw new Unsupported();
    }

    // the first preferred character the class accepts
    private static String member(String cls) {
        Pattern pattern = Pattern.compile(cls);
        for (int i = 0; i < PREFERRED.length(); i++) {
            String c = String.valueOf(PREFERRED.charAt(i));
            if (pattern.matcher(c).matches()) {
                return c;
            }
        }
        throw new Unsupported();
    }

    // {least, most} of the quantifier here (most = Integer.MAX_VALUE when unbounded); {1, 1} without one
    private int[] quantifier() {
        if (at >= regex.length()) {
            return new int[] {1, 1};
        }
        int[] range;
        char c = regex.charAt(at);
        switch (c) {
            case '*' -> {
                at++;
                range = new int[] {0, Integer.MAX_VALUE};
            }
            case '+' -> {
                at++;
                range = new int[] {1, Integer.MAX_VALUE};
            }
            case '?' -> {
                at++;
                range = new int[] {0, 1};
            }
            case '{' -> {
                int close = regex.indexOf('}', at);
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                int least = Integer.parseInt(bounds[0].trim());
                int most = bounds.length == 1
                        ? least
                        : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].trim());
                at = close + 1;
                range = new int[] {least, most};
            }
            default -> {
                return new int[] {1, 1};
            }
        }
        if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) {
            at++; // lazy or possessive: the same strings
        }
        return range;
    }

    /** The first candidate the whole pattern finds and whose length fits, if any. */
    static Optional<String> fitting(String regex, int minLength, int maxLength) {
        Pattern whole = Pattern.compile(regex);
        for (String candidate : candidates(regex, Math.max(8, minLength))) {
            int length = candidate.codePointCount(0, candidate.length());
            if (length >= minLength
                    && length <= maxLength
                    && whole.matcher(candidate).find()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
