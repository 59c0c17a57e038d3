package dev.instacrud.runtime.metrics;

import java.util.Locale;

/**
 * Why an authentication was refused, as counted by {@code instacrud_authentication_failures_total{reason}}.
 * The client always gets the same 401 whatever the reason; only the operator sees it.
 */
public enum AuthFailure {
    /** No {@code Authorization: Bearer} header on a route that needs one. */
    MISSING_CREDENTIALS,
    /** A token that is malformed, forged, of another issuer or audience, or with a refused algorithm. */
    INVALID_TOKEN,
    /** A well-signed token past its expiry. */
    EXPIRED_TOKEN,
    /** A valid token whose user no longer exists. */
    UNKNOWN_USER,
    /**
     * A valid token that no longer holds: its user was deactivated, its epoch moved on (a password change, a sign-out
     * everywhere), or its session was signed out or revoked.
     */
    REVOKED_TOKEN,
    /** A sign-in with an unknown email or a wrong password (the two are not told apart). */
    BAD_CREDENTIALS,
    /** An OAuth session code that is unknown, used or expired. */
    INVALID_SESSION_CODE,
    /** An OAuth callback refused: the provider's error, a bad state, or an ID token that did not verify. */
    OAUTH_REFUSED;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
