package dev.instacrud.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.spec.Diagnostic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates the valid samples a few thousand times (delete, duplicate, rename and retype keys, swap values,
 * truncate, re-indent) with a fixed seed: every load must end valid or with positioned messages, never throw.
 */
class MutationTest {

    private static final long SEED = 20240531L;
    private static final int ROUNDS = 3000;
    private static final String[] VALUES = {
        "string",
        "int",
        "ref",
        "list",
        "object",
        "enum",
        "true",
        "false",
        "null",
        "~",
        "-1",
        "0",
        "3.5",
        "1e400",
        "0x1F",
        "[]",
        "[a, b]",
        "{}",
        "{ type: int }",
        "'quoted'",
        "\"(\"",
        "2024-13-45",
        "Ward",
        "Nope",
        "set-null",
        "ORG_ADMIN",
        "USER",
        "\"\"",
        "|\n  block",
        "&a x",
        "*a",
        "!!binary x"
    };

    @Test
    void mutatedSamplesNeverThrow() {
        Random random = new Random(SEED);
        List<String> samples = Samples.valid().stream().map(Samples::read).toList();
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String original = samples.get(random.nextInt(samples.size()));
            int steps = 1 + random.nextInt(3);
            String text = original;
            for (int s = 0; s < steps; s++) {
                text = mutate(text, random);
            }
            SpecResult r = load(text, i);
            if (r.isValid()) {
                valid++;
                assertTrue(r.model().isPresent());
            } else {
                invalid++;
                assertTrue(r.model().isEmpty());
                int lines = text.split("\n", -1).length + 1;
                for (Diagnostic d : r.diagnostics()) {
                    assertTrue(d.line() >= 1 && d.line() <= lines && d.column() >= 1, d + " in\n" + text);
                    assertFalse(d.message().isBlank());
                    assertFalse(d.ruleId().isBlank());
                }
                assertEquals(r.diagnostics().stream().sorted(Diagnostic.ORDER).toList(), r.diagnostics());
            }
        }
        assertTrue(invalid > ROUNDS / 2, "mutations should mostly break specs: " + invalid);
        assertTrue(valid > 0, "some mutations (comments, descriptions) keep specs valid");
    }

    @Test
    void oddInputsGivePositionedMessages() {
        String[] odd = {
            "",
            "\n\n",
            "\t- x",
            "[".repeat(5000),
            "a: " + "{".repeat(3000),
            "\uFEFFservice: x",
            "\u0000\u0001\u0002",
            "service: &a [*a]",
            "--- a\n--- b\n",
            "? [a, b]\n: c\n",
            "1: 2\n",
            "service: { name: t, package: p }\nentities: { A: { fields: { x: { type: int, default: 1e999999999 } } } }",
            "service: { name: t, package: p }\nentities: { A: { fields: { x: { type: int, minimum: 1e999999999 } } } }",
            "entities: !!map { A: 1 }",
            "service: !!str\n"
        };
        for (int i = 0; i < odd.length; i++) {
            SpecResult r = load(odd[i], -i);
            assertFalse(r.isValid(), odd[i]);
            r.diagnostics().forEach(d -> assertTrue(d.line() >= 1 && d.column() >= 1, d.format()));
        }
    }

    private static SpecResult load(String text, int round) {
        try {
            return Instacrud.load("m.yaml", text);
        } catch (RuntimeException e) {
            throw new AssertionError("round " + round + " threw on:\n" + text, e);
        }
    }

    static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int n = lines.size();
        int at = random.nextInt(n);
        String line = lines.get(at);
        switch (random.nextInt(9)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, line);
            case 2 -> lines.set(at, renameKey(line, random));
            case 3 -> lines.set(at, replaceValue(line, VALUES[random.nextInt(VALUES.length)], random));
            case 4 -> {
                int other = random.nextInt(n);
                lines.set(at, replaceValue(line, valueOf(lines.get(other)), random));
            }
            case 5 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 6 -> lines.set(at, random.nextBoolean() ? "  " + line : line.replaceFirst("^  ", ""));
            case 7 -> lines.set(at, line.isEmpty() ? line : line.substring(0, random.nextInt(line.length())));
            default -> {
                int other = random.nextInt(n);
                lines.set(at, lines.get(other));
                lines.set(other, line);
            }
        }
        return String.join("\n", lines);
    }

    private static String renameKey(String line, Random random) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return line;
        }
        int pos = random.nextInt(colon);
        char c = (char) ('a' + random.nextInt(26));
        return line.substring(0, pos) + c + line.substring(pos + 1);
    }

    private static String replaceValue(String line, String value, Random random) {
        int colon = random.nextBoolean() ? line.indexOf(':') : line.lastIndexOf(':');
        if (colon < 0) {
            return line;
        }
        int end = line.indexOf(',', colon);
        if (end < 0) {
            end = line.indexOf('}', colon);
        }
        if (end < 0) {
            end = line.length();
        }
        return line.substring(0, colon + 1) + " " + value + line.substring(end);
    }

    private static String valueOf(String line) {
        int colon = line.lastIndexOf(':');
        return colon < 0 ? "x" : line.substring(colon + 1).replace("}", "").trim();
    }
}
