package dev.instacrud.generator.model;

/** Whether an account must prove its email before it may sign in. */
public enum EmailVerification implements SpecName {
    /** An account may sign in before it proves its email (the default); the verification mail is still sent. */
    OPTIONAL("optional"),
    /** Only an account that proved its email may sign in; sign-up never tells whether an address has an account. */
    REQUIRED("required");

    private final String specName;

    EmailVerification(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
