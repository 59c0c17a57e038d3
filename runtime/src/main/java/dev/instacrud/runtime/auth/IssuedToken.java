package dev.instacrud.runtime.auth;

/**
 * An access token as returned by sign-in: {@code {access_token, token_type: "bearer", expires_in}}, with the refresh
 * token of a {@link TokenPair}.
 *
 * @param accessToken the signed JWT
 * @param expiresIn seconds until it expires
 */
public record IssuedToken(String accessToken, long expiresIn) {
    /** The access token's part of a sign-in answer, in this order. */
    public java.util.Map<String, Object> body() {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "bearer");
        body.put("expires_in", expiresIn);
        return body;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "IssuedToken[expiresIn=" + expiresIn + "]";
    }
}
