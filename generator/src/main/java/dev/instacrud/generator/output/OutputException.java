package dev.instacrud.generator.output;

import java.io.IOException;

/**
 * Output could not be planned, applied or checked.
 *
 * <p>{@link #previousOutputIntact()} says whether the output folder is exactly as it was before the call: true
 * for every refusal at planning time and for every failed apply that was rolled back; false only when the
 * rollback itself failed, in which case the message names the folder holding the backups.
 */
public final class OutputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean previousOutputIntact;

    /** A refusal that changed nothing. */
    public OutputException(String message) {
        this(message, null, true);
    }

    /** A failure with its cause, saying whether the previous output is intact. */
    public OutputException(String message, Throwable cause, boolean previousOutputIntact) {
        super(message, cause);
        this.previousOutputIntact = previousOutputIntact;
    }

    /** True when the output folder is byte for byte what it was before the failed call. */
    public boolean previousOutputIntact() {
        return previousOutputIntact;
    }
}
