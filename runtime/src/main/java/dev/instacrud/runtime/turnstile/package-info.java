/**
 * Server-side verification of Cloudflare Turnstile tokens ({@link TurnstileVerifier}).
 *
 * <p>Must never: let a request through on a timeout, a network error or an answer it cannot read; log the secret
 * or the token.
 *
 * <p>May use: {@code error}, {@code json}, {@code log}.
 */
package dev.instacrud.runtime.turnstile;
