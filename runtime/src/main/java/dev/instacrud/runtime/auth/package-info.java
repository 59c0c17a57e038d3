/**
 * Accounts: the account routes ({@link AuthRoutes}: sign-up, sign-in, invitations and their limits, {@code /me}),
 * passwords ({@link PasswordHasher}), access tokens ({@link TokenService}), the one form of emails and names ({@link
 * EmailAddress}, {@link DisplayName}) and the {@link BearerAuthenticator} the web layer calls.
 *
 * <p>Must never: store a password, a code or a token in clear, tell an unknown email from a wrong password, or
 * accept a token without its algorithm pinned and every claim checked, or compare an email in any other form
 * than {@link EmailAddress}'s.
 *
 * <p>May use: {@code context}, {@code error}, {@code http}, {@code log}, {@code ratelimit}, {@code turnstile}.
 */
package dev.instacrud.runtime.auth;
