package dev.instacrud.runtime.auth;

/**
 * Deletes a user's private ({@code scope: user}) documents when their account goes: they are visible to nobody else,
 * so nobody could ever delete them later. The data layer implements it (following each ref's {@code onDelete}, and
 * auditing every document); organisation-wide documents the user created stay, their {@code createdBy} keeping the
 * user's id.
 */
@FunctionalInterface
public interface PrivateDocuments {
    /** For a server without a data layer: there are no documents. */
    PrivateDocuments NONE = (orgId, userId, actorId) -> {};

    /**
     * Deletes every private document of the user in the organisation.
     *
     * @param actorId who removes the account (the user themselves, or an administrator), for the audit log
     */
    void deleteAll(String orgId, String userId, String actorId);
}
