package dev.instacrud.generator.model;

/** The OpenID Connect providers a service can offer for sign-in. */
public enum OAuthProvider {
    /** Google accounts. */
    GOOGLE,
    /** Microsoft accounts (Entra ID). */
    MICROSOFT
}
