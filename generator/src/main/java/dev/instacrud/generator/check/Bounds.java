package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.ScalarValues;
import dev.instacrud.generator.spec.YamlMap;
import java.math.BigDecimal;
import java.util.Optional;

/** Reads a field's numeric settings, empty where absent or malformed (another rule reports those). */
final class Bounds {
  private Bounds() {
  }

  static Optional<BigDecimal> number(YamlMap field, String key) {
    return field.scalar(key).flatMap(ScalarValues::number);
  }

  static Optional<Integer> count(YamlMap field, String key) {
    return field.scalar(key).flatMap(ScalarValues::count);
  }

}
