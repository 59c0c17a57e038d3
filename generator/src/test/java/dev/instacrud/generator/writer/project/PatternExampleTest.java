package dev.instacrud.generator.writer.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.generator.model.Constraints;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Example values for the README derive from a field's pattern, so the curl walkthrough passes validation. */
class PatternExampleTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "^[A-Z]{2,6}$",
                "^\\d{3}-\\d{4}$",
                "^[a-z]+(-[a-z]+)*$",
                "^\\p{Lu}\\p{Ll}+$",
                "^[A-Z]{2}[0-9]{2}[A-Z0-9]{4}[0-9]{7}([A-Z0-9]?){0,16}$",
                "^(?:GB|DE|FR)\\d{9}$",
                "^#[0-9a-fA-F]{6}$",
                "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$",
                "^v\\d+\\.\\d+\\.\\d+(-[a-z0-9.]+)?$",
                "(?i)^sku_[a-z0-9]{8}$",
                "^\\w{3,}\\s\\w{3,}$",
                "^[\\p{L} .'-]+$",
                "\\bcode\\b",
                "^\\+?[0-9 ]{7,15}$"
            })
    void theDerivedValueMatchesThePattern(String regex) {
        Optional<String> value = PatternExample.fitting(regex, 0, Integer.MAX_VALUE);
        assertTrue(value.isPresent(), regex);
        assertTrue(Pattern.compile(regex).matcher(value.get()).find(), regex + " -> " + value.get());
    }

    @Test
    void lengthBoundsStretchTheValue() {
        String value = PatternExample.fitting("^[a-z]+$", 12, 20).orElseThrow();
        assertTrue(value.length() >= 12 && value.length() <= 20, value);
        assertEquals(Optional.empty(), PatternExample.fitting("^[a-z]{3}$", 5, 10), "no value fits both");
    }

    @Test
    void aPatternItCannotFollowAsksTheReaderToEdit() {
        assertEquals(Optional.empty(), PatternExample.fitting("^(a)\\1$", 0, 10), "back-references");
        Constraints constraints = new Constraints(
                Optional.empty(),
                Optional.empty(),
                Optional.of("^(ab)\\1$"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
        assertEquals(Examples.CHANGE_ME, Examples.text(constraints));
    }
}
