package dev.instacrud.runtime.http;

import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;

/**
 * Step 3 of the {@link Router}: an authenticated caller whose role the route does not allow gets a 403; a
 * READ_ONLY caller gets it on every write method unless the route only reads ({@link Route#allowReadOnly()}).
 */
final class RoleCheck {
    private RoleCheck() {}

    /** @param user the caller, or null on a public route (which every caller may use) */
    static void check(Route route, CurrentUser user) {
        if (user != null && !route.allows(user.role())) {
            throw ApiException.forbidden("Your role does not allow this operation");
        }
    }
}
