package dev.instacrud.runtime.config;

import java.util.Objects;
import java.util.Set;

/**
 * What a service's spec fixes whatever the environment says: floors the environment cannot lower. An
 * invite-only spec stays invite-only whatever {@code REGISTRATION} says (an unreadable value included); a
 * spec with Turnstile refuses to start without {@code TURNSTILE_SECRET_KEY}; a spec with organisation
 * databases turns {@code MONGO_USE_ORG_DB} on; a spec that requires email verification keeps it required
 * whatever {@code EMAIL_VERIFICATION} says; and only the built-in OAuth providers the spec names read
 * their credentials ({@code GOOGLE_*}, {@code MS_*}), which are otherwise ignored. Generic providers
 * ({@code OIDC_PROVIDERS}) are the operator's explicit choice and are read whatever the spec says. A spec that
 * turns the web admin off keeps it off whatever {@code ADMIN_UI} says.
 *
 * @param inviteOnly sign-up needs an invitation
 * @param turnstile sign-up, sign-in and invitations need a verified Turnstile token
 * @param orgDatabases organisations may have their own MongoDB connection string
 * @param builtInProviders the built-in providers whose credentials are read, of {@link #BUILT_IN_PROVIDERS}
 * @param withoutAdminUi no web admin, API docs page or {@code /api/v1/ui} ({@code admin: false})
 * @param emailVerificationRequired an account must prove its email before it may sign in, whatever {@code
 *     EMAIL_VERIFICATION} says
 */
public record SpecFloors(
        boolean inviteOnly,
        boolean turnstile,
        boolean orgDatabases,
        Set<String> builtInProviders,
        boolean withoutAdminUi,
        boolean emailVerificationRequired) {
    /** The built-in OAuth providers: {@code google} and {@code microsoft}. */
    public static final Set<String> BUILT_IN_PROVIDERS = Set.of("google", "microsoft");

    /** No floors: the environment decides, and both built-in providers may be configured. */
    public static final SpecFloors NONE = new SpecFloors(false, false, false, BUILT_IN_PROVIDERS, false, false);

    /** The message that refuses a spec with Turnstile and no secret key. */
    static final String TURNSTILE_REQUIRED = "is required: the spec turns Cloudflare Turnstile on (auth.turnstile)";

    /** Floors of a spec that leaves the web admin on and email verification optional. */
    public SpecFloors(boolean inviteOnly, boolean turnstile, boolean orgDatabases, Set<String> builtInProviders) {
        this(inviteOnly, turnstile, orgDatabases, builtInProviders, false, false);
    }

    /** Floors of a spec that leaves email verification optional. */
    public SpecFloors(
            boolean inviteOnly,
            boolean turnstile,
            boolean orgDatabases,
            Set<String> builtInProviders,
            boolean withoutAdminUi) {
        this(inviteOnly, turnstile, orgDatabases, builtInProviders, withoutAdminUi, false);
    }

    public SpecFloors {
        builtInProviders = Set.copyOf(Objects.requireNonNull(builtInProviders, "builtInProviders"));
        if (!BUILT_IN_PROVIDERS.containsAll(builtInProviders)) {
            throw new IllegalArgumentException("unknown built-in OAuth provider in " + builtInProviders);
        }
    }
}
