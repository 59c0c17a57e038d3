package dev.instacrud.runtime.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a sign-in, a refresh or a password change answers: a short-lived access token and the refresh token that
 * gets the next one (RFC 6749 section 5.1's names).
 *
 * @param access the signed access token and its lifetime
 * @param refreshToken the opaque refresh token, shown only here
 * @param refreshExpiresIn seconds until the refresh token dies unused
 */
public record TokenPair(IssuedToken access, String refreshToken, long refreshExpiresIn) {
    /** {@code {access_token, token_type, expires_in, refresh_token, refresh_expires_in}}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(access.body());
        body.put("refresh_token", refreshToken);
        body.put("refresh_expires_in", refreshExpiresIn);
        return body;
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "TokenPair[expiresIn=" + access.expiresIn() + ", refreshExpiresIn=" + refreshExpiresIn + "]";
    }
}
