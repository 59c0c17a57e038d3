package dev.instacrud.runtime.config;

/** A configuration value is missing or invalid; the message names the environment variable. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    /** The environment variable at fault. */
    public String variable() {
        return variable;
    }
}
