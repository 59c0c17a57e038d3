package dev.instacrud.runtime.http;

/** The check every response header value goes through: no control characters, so no response splitting. */
final class HeaderValues {
    private HeaderValues() {}

    /**
     * Returns {@code value} unchanged.
     *
     * @throws IllegalArgumentException when it holds CR, LF or another control character
     */
    static String checked(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20 || value.charAt(i) == 0x7f) {
                throw new IllegalArgumentException("control character in a response header");
            }
        }
        return value;
    }
}
