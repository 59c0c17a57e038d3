package dev.instacrud.generator.model;

/** The OpenID Connect providers a service can offer for sign-in; the runtime knows them by the same names. */
public enum OAuthProvider implements SpecName {
    /** Google accounts. */
    GOOGLE("google"),
    /** Microsoft accounts (Entra ID). */
    MICROSOFT("microsoft");

    private final String specName;

    OAuthProvider(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
