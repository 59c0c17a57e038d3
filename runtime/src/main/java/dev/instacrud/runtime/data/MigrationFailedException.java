package dev.instacrud.runtime.data;

/**
 * A migration could not finish: a {@link Migration} threw on a document, left one that the schema does not allow,
 * or the instance lost its lease. Nothing is recorded as applied; the next start resumes after the last batch
 * recorded, so fixing the migration and starting again finishes it.
 */
public final class MigrationFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MigrationFailedException(String message) {
        super(message);
    }

    MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
