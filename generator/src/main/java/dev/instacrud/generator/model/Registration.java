package dev.instacrud.generator.model;

/** Who may sign up. */
public enum Registration implements SpecName {
    /** Anyone may sign up and gets an organisation of their own (the default). */
    OPEN("open"),
    /** Only people invited by an organisation administrator. */
    INVITE_ONLY("invite-only");

    private final String specName;

    Registration(String specName) {
        this.specName = specName;
    }

    @Override
    public String specName() {
        return specName;
    }
}
