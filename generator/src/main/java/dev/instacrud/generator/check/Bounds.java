package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.SpecLanguage.Key;
import dev.instacrud.generator.spec.YamlMap;
import java.math.BigDecimal;
import java.util.Optional;

/** Reads a field's numeric settings, empty where absent or malformed (another rule reports those). */
final class Bounds {
    private Bounds() {}

    static Optional<BigDecimal> number(YamlMap field, Key key) {
        return field.scalar(key).flatMap(ScalarValues::number);
    }

    static Optional<Integer> count(YamlMap field, Key key) {
        return field.scalar(key).flatMap(ScalarValues::count);
    }

    /** A bound for messages: plain digits, unless the exponent would make that absurdly long. */
    static String show(BigDecimal n) {
        return Math.abs(n.scale()) > 30 ? n.toString() : n.toPlainString();
    }
}
