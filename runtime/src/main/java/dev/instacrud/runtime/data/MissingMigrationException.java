package dev.instacrud.runtime.data;

import java.util.List;

/**
 * The stored documents of an organisation's database need a change that no installed {@link Migration} makes (or
 * were brought to a newer spec that this one cannot read as they are): the service refuses to start, or to serve
 * that organisation, rather than present documents as valid when they are not. The message names each change and
 * what to do about it.
 */
public final class MissingMigrationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingMigrationException(String database, List<SchemaChanges.Change> changes, boolean newer) {
        super(message(database, changes, newer));
    }

    private static String message(String database, List<SchemaChanges.Change> changes, boolean newer) {
        StringBuilder text = new StringBuilder();
        if (newer) {
            text.append("the documents of ")
                    .append(database)
                    .append(" were brought in line with a newer spec, which this one cannot read without a"
                            + " migration:");
        } else {
            text.append("the documents of ")
                    .append(database)
                    .append(" need a migration that no installed Migration makes:");
        }
        for (SchemaChanges.Change change : changes) {
            text.append("\n  ").append(change.subject()).append(": ").append(change.what());
        }
        if (newer) {
            text.append("\nRun the newer version of the service (or restore the database from before it ran).");
        } else {
            text.append("\nGive a new required field a default: in the spec, or add a Migration of the entity that"
                    + " names the field in fields() (instacrud diff OLD NEW --propose DIR writes one), listed in"
                    + " META-INF/services/dev.instacrud.runtime.data.Migration. See docs/migrations.md.");
        }
        return text.toString();
    }
}
