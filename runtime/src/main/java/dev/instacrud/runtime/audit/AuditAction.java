package dev.instacrud.runtime.audit;

import java.util.Locale;
import java.util.Optional;

/** What an audit record says happened; stored and filtered by its {@link #wireName()}, e.g. {@code password_changed}. */
public enum AuditAction {
    /** An account was made by sign-up (with or without an invitation) or a first OIDC sign-in. */
    SIGNUP,
    /** A successful sign-in (password or OIDC). */
    SIGNIN,
    /** A refused sign-in of an existing account (wrong password, unverified email, deactivated). */
    SIGNIN_FAILED,
    /** A signed-in user changed their password. */
    PASSWORD_CHANGED,
    /** A password reset link was sent to an account's address. */
    PASSWORD_RESET_REQUESTED,
    /** A password was set through a reset link. */
    PASSWORD_RESET,
    /** The owner of an address proved it through a verification link. */
    EMAIL_VERIFIED,
    /** An OIDC identity was linked to an existing account. */
    OAUTH_LINKED,
    /** A refresh token that had already been rotated was presented again: its whole family is revoked. */
    REFRESH_REUSE_DETECTED,
    /** One session ended (its refresh token family revoked). */
    SIGNOUT,
    /** Every session of a user ended. */
    SIGNOUT_ALL,
    /** A user's role changed. */
    ROLE_CHANGED,
    /** A user can no longer sign in nor use their tokens. */
    USER_DEACTIVATED,
    /** A deactivated user may sign in again. */
    USER_REACTIVATED,
    /** An administrator removed a user from the organisation (the account is deleted). */
    USER_REMOVED,
    /** A user changed their own name. */
    NAME_CHANGED,
    /** A user deleted their own account. */
    ACCOUNT_DELETED,
    /** An invitation was created. */
    INVITATION_CREATED,
    /** An invitation was used to sign up. */
    INVITATION_REDEEMED,
    /** An invitation was withdrawn before it was used. */
    INVITATION_REVOKED,
    /** The organisation's own database URL was set or removed (org-db tenancy). */
    ORG_DATABASE_CHANGED,
    /** A document was created. */
    CREATE,
    /** A document was replaced whole (PUT). */
    REPLACE,
    /** Some fields of a document were changed (PATCH). */
    PATCH,
    /** A document was deleted by a request. */
    DELETE,
    /** A document was deleted because a document it referred to was ({@code onDelete: cascade}). */
    CASCADE_DELETE,
    /** A ref of a document was emptied because the document it referred to was deleted ({@code set-null}). */
    CASCADE_SET_NULL;

    /** The stored and filtered spelling: the constant's name in lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of a stored or requested spelling. */
    public static Optional<AuditAction> fromWireName(String text) {
        for (AuditAction action : values()) {
            if (action.wireName().equals(text)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
