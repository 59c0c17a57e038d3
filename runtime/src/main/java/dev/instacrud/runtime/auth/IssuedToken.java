package dev.instacrud.runtime.auth;

/**
 * An access token as returned by sign-in: {@code {access_token, token_type: "bearer", expires_in}}.
 *
 * @param accessToken the signed JWT
 * @param expiresIn seconds until it expires
 */
public record IssuedToken(String accessToken, long expiresIn) {
    /** The JSON body of a sign-in answer. */
    public java.util.Map<String, Object> body() {
        return java.util.Map.of("access_token", accessToken, "token_type", "bearer", "expires_in", expiresIn);
    }
}
