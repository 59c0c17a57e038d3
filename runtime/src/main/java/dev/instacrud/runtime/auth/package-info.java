/**
 * Accounts, assembled by {@link Accounts}: signing up, in and out ({@link AuthRoutes}), sessions and their rotating
 * refresh tokens ({@link Sessions}, {@link RefreshTokens}), email proof ({@link EmailVerification}), password change
 * and reset ({@link PasswordRoutes}), the user's own account ({@link MeRoutes}), the administration of members
 * ({@link UserAdminRoutes}, {@link Members}) and invitations ({@link InvitationRoutes}), the audit log's read route
 * ({@link AuditRoutes}); passwords ({@link PasswordHasher}), access tokens ({@link TokenService}), the one form of
 * emails and names ({@link EmailAddress}, {@link DisplayName}), account mail ({@link AccountMail}), and the {@link
 * BearerAuthenticator} the web layer calls, which holds every token to its user, epoch and session.
 *
 * <p>Must never: store a password, a code or a token in clear, tell an unknown email from a wrong password (or, by
 * any answer, whether an address has an account where it can avoid it), accept a token without its algorithm pinned
 * and every claim checked or after its session or epoch ended, leave an organisation without an active ORG_ADMIN, or
 * compare an email in any other form than {@link EmailAddress}'s.
 *
 * <p>May use: {@code audit}, {@code context}, {@code error}, {@code http}, {@code log}, {@code mail}, {@code
 * metrics}, {@code ratelimit}, {@code turnstile}.
 */
package dev.instacrud.runtime.auth;
