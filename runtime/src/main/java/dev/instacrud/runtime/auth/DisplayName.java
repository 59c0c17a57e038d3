package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.text.Normalizer;
import java.util.List;

/**
 * A name other users see (a user's or an organisation's): trimmed, Unicode NFKC, 1 to 200 characters, and
 * refused when it holds control, format or separator characters ({@link HiddenCharacters}), which could
 * reorder what is displayed (a bidi override turning {@code exe.pdf} around) or make two names look the
 * same. Like {@link EmailAddress}, it refuses rather than cleans.
 */
public final class DisplayName {
    /** The longest name accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    private DisplayName() {}

    /**
     * The stored form of a name.
     *
     * @param field the body field it came from, for the error's {@code loc}
     * @throws ApiException 422 at {@code ["body", field]}
     */
    public static String normalize(String name, String field) {
        if (name == null) {
            throw ApiException.validation(List.of(ErrorDetail.of("Field required", "missing", "body", field)));
        }
        String trimmed = name.trim(); // ASCII white space only: a trailing line separator is refused, not dropped
        String normalized = Normalizer.normalize(trimmed, Normalizer.Form.NFKC).trim();
        if (HiddenCharacters.any(trimmed) || HiddenCharacters.any(normalized)) {
            throw invalid("Must not contain control, format or separator characters", field);
        }
        if (normalized.isEmpty() || normalized.length() > MAX_LENGTH) {
            throw invalid("Must be 1 to " + MAX_LENGTH + " characters", field);
        }
        return normalized;
    }

    private static ApiException invalid(String message, String field) {
        return ApiException.validation(List.of(ErrorDetail.of(message, "value_error", "body", field)));
    }
}
