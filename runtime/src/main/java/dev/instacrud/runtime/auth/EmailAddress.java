package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one form of an account's email, used for sign-up, sign-in, invitations, OIDC and start-up alike, and
 * the form stored: surrounding ASCII white space removed, Unicode NFKC (so a fullwidth {@code ａ} or {@code ＠} is
 * the ASCII character it looks like), lower-cased, NFKC again (lower-casing can leave a decomposed form).
 * Addresses holding control, format or separator characters ({@link HiddenCharacters}) are refused rather
 * than cleaned, as are text that is plainly not one address. Two addresses that look the same therefore
 * either normalise to one stored value (and meet the unique index) or are refused.
 */
public final class EmailAddress {
    /** The longest address accepted (RFC 5321's path limit minus the angle brackets). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern PLAIN = Pattern.compile("[^\\s\"<>()\\[\\],;:\\\\]+");

    private EmailAddress() {}

    /**
     * The stored form of an address.
     *
     * @throws ApiException 422 at {@code ["body", "email"]} when it is not plausibly one address or holds a
     *     hidden character
     */
    public static String normalize(String email) {
        // trim(), not strip(): ASCII white space around an address is a typing slip, a line separator is not
        String stripped = email == null ? "" : email.trim();
        String compatible = Normalizer.normalize(stripped, Normalizer.Form.NFKC);
        if (HiddenCharacters.any(stripped) || HiddenCharacters.any(compatible)) {
            throw invalid("An email must not contain control, format or separator characters");
        }
        String normalized = Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        int at = normalized.indexOf('@');
        if (normalized.length() > MAX_LENGTH
                || at < 1
                || at != normalized.lastIndexOf('@')
                || at == normalized.length() - 1
                || !PLAIN.matcher(normalized).matches()) {
            throw invalid("Not a valid email address");
        }
        return normalized;
    }

    /** Whether the text is already in stored form (what {@link #normalize} returns for it). */
    static boolean isNormalized(String email) {
        try {
            return normalize(email).equals(email);
        } catch (ApiException e) {
            return false;
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.validation(List.of(ErrorDetail.of(message, "value_error", "body", "email")));
    }
}
