package dev.instacrud.generator.writer;

import dev.instacrud.generator.model.FieldModel;
import dev.instacrud.generator.model.FieldType;

/** Javadoc sentences for fields: the spec's description, else one derived from the declaration. */
final class Docs {
  private Docs() {}

  static String describe(FieldModel field) {
    String text = field.description().orElseGet(() -> derived(field));
    return (field.required() ? "" : "optional; ") + escape(text);
  }

  private static String derived(FieldModel field) {
    FieldType type = field.type();
    if (type == FieldType.LIST) {
      return "a list of " + field.valueType().specName() + (field.isRef() ? " ids of " + field.refTarget().orElseThrow()
          : " values");
    }
    if (type == FieldType.REF) {
      return "the id of a " + field.refTarget().orElseThrow();
    }
    if (field.secret()) {
      return "write-only: stored, never returned";
    }
    return "the " + field.name() + " (" + type.specName() + ")";
  }

  /**
   * Javadoc must not end early or start tags from spec text. javac reads unicode escapes before comments,
   * so a backslash is written as an entity too: the escape of '*' followed by '/' would close the comment.
   */
  static String escape(String text) {
    return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "{@literal @}");
  }
}
