package dev.instacrud.runtime.config;

import java.util.Objects;

/**
 * One OpenID Connect provider a user can sign in with.
 *
 * @param name the path segment in {@code /api/v1/auth/oauth/{name}/login}
 * @param issuer the exact {@code iss} of its ID tokens
 * @param authorizeUrl the authorization endpoint
 * @param tokenUrl the token endpoint
 * @param jwksUrl the JWKS endpoint that publishes its signing keys
 * @param clientId our client id, also the required {@code aud} of its ID tokens
 * @param clientSecret our client secret
 * @param scopes the scopes requested (space separated)
 */
public record OidcProviderConfig(
        String name,
        String issuer,
        String authorizeUrl,
        String tokenUrl,
        String jwksUrl,
        String clientId,
        String clientSecret,
        String scopes) {
    public OidcProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(scopes, "scopes");
    }

    @Override
    public String toString() {
        return "OidcProviderConfig[" + name + ", issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
