package dev.instacrud.runtime.auth;

/**
 * Characters that change how text looks without being seen: controls (Unicode general category Cc), format
 * characters (Cf: zero-width spaces and joiners, bidi overrides, soft hyphens) and line and paragraph
 * separators (Zl, Zp). In an email or a name shown to other users they only serve to make two different
 * values look the same, or to reorder what is displayed (Unicode Technical Report 36, "Unicode Security
 * Considerations").
 */
final class HiddenCharacters {
    private HiddenCharacters() {}

    /** Whether the text holds any character of categories Cc, Cf, Zl or Zp (unpaired surrogates count too). */
    static boolean any(String text) {
        return text.codePoints().anyMatch(HiddenCharacters::hidden);
    }

    private static boolean hidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
