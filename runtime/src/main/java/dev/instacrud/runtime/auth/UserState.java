package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.context.CurrentUser;

/**
 * What the authenticator reads of a user on each request (through {@link UserStates}' short cache).
 *
 * @param user the caller as the request context binds it
 * @param epoch the token epoch: access tokens issued at another one are refused
 * @param active false while deactivated or being removed
 * @param emailVerified whether the owner proved the address
 */
public record UserState(CurrentUser user, long epoch, boolean active, boolean emailVerified) {}
