package dev.instacrud.runtime.http;

import dev.instacrud.runtime.context.CurrentUser;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.MDC;

/**
 * Step 2 of the {@link Router}: every route is authenticated unless it was declared public. The {@link
 * Authenticator} turns the {@code Authorization} header into the caller or refuses with a 401 (answered
 * with {@code WWW-Authenticate: Bearer}, RFC 6750); the caller's user id is kept for the access log and put in
 * the logging MDC.
 */
final class Authentication {
    private final Authenticator authenticator;

    Authentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller, or null on a public route. */
    CurrentUser caller(Route route, Request request) {
        if (route.isPublic()) {
            return null;
        }
        CurrentUser user = authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        request.setAttribute(RequestAttributes.USER_ID, user.userId());
        MDC.put(RequestAttributes.MDC_USER_ID, user.userId()); // removed by RequestIdHandler
        return user;
    }
}
