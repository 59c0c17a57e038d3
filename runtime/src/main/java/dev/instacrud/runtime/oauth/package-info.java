/**
 * Sign-in with OpenID Connect providers: {@link OAuthRoutes} (authorization code with PKCE, state bound to the
 * browser), {@link OidcClient} and {@link SessionCodes} (one-time codes traded for an access token).
 *
 * <p>Must never: take over an account on an unverified email, accept an ID token without checking its signature,
 * issuer, audience, nonce and expiry, or store a state or a code in clear.
 *
 * <p>May use: {@code audit}, {@code auth}, {@code config}, {@code context}, {@code error}, {@code http}, {@code
 * json}, {@code log}, {@code metrics}.
 */
package dev.instacrud.runtime.oauth;
