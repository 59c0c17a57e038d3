package dev.instacrud.generator.model;

import java.util.List;

/**
 * The {@code auth} section.
 *
 * @param registration who may sign up
 * @param oauth        sign-in providers besides passwords, in spec order, no duplicates
 * @param turnstile    whether sign-up and sign-in require a Cloudflare Turnstile token
 */
public record AuthModel(Registration registration, List<OAuthProvider> oauth, boolean turnstile) {

    /** The defaults: open registration, passwords only, no Turnstile. */
    public static final AuthModel DEFAULT = new AuthModel(Registration.OPEN, List.of(), false);

    /** Copies the list so the record stays immutable. */
    public AuthModel {
        oauth = List.copyOf(oauth);
    }
}
