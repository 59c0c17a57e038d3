package dev.instacrud.runtime.http;

import dev.instacrud.runtime.context.CurrentUser;

/**
 * Turns the {@code Authorization} header into the caller, or throws a 401 {@link
 * dev.instacrud.runtime.error.ApiException}; the router answers every 401 with {@code WWW-Authenticate:
 * Bearer}.
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param authorization the header's value, or null when absent
     */
    CurrentUser authenticate(String authorization);
}
