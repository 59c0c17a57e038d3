package dev.instacrud.generator.model;

import java.util.List;

/**
 * The {@code auth} section.
 *
 * @param registration who may sign up
 * @param oauth        sign-in providers besides passwords, in spec order, no duplicates
 * @param turnstile    whether sign-up and sign-in require a Cloudflare Turnstile token
 * @param emailVerification whether an account must prove its email before it may sign in
 */
public record AuthModel(
        Registration registration, List<OAuthProvider> oauth, boolean turnstile, EmailVerification emailVerification) {

    /** The defaults: open registration, passwords only, no Turnstile, email verification optional. */
    public static final AuthModel DEFAULT =
            new AuthModel(Registration.OPEN, List.of(), false, EmailVerification.OPTIONAL);

    /** Copies the list so the record stays immutable. */
    public AuthModel {
        oauth = List.copyOf(oauth);
    }
}
