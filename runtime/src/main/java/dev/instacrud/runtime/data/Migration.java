package dev.instacrud.runtime.data;

import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.bson.Document;

/**
 * A change of the stored documents of one entity, written by the service's developer when the spec changes in a way
 * stored data must follow (a new required field without a default, a rename, a narrowed constraint, a removed field:
 * {@code instacrud diff} says which changes need one, and proposes the class). The runtime applies each migration
 * once per organisation database, in the order of their versions, at start-up or when an organisation's database is
 * first used, recording it in that database's {@code _migrations} collection; it refuses to start when a change
 * needs a migration that no class provides.
 *
 * <p>A migration is a class of the user's with a public no-argument constructor, named {@code V<n>__<Name>} ({@code
 * V2__AddReporter}) and listed in {@code META-INF/services/dev.instacrud.runtime.data.Migration}:
 *
 * <pre>{@code
 * public final class V2__AddReporter implements Migration {
 *     public String entity() { return "Task"; }
 *     public Set<String> fields() { return Set.of("reporter"); }
 *     public Document migrate(Document task) {
 *         if (task.get("reporter") == null) {
 *             task.put("reporter", task.getString("createdBy") + "@example.com");
 *         }
 *         return task;
 *     }
 * }
 * }</pre>
 *
 * Documents are passed in batches, in {@code _id} order, each batch's progress recorded: after a crash the run
 * resumes after the last recorded batch, so the documents of an interrupted batch may be passed again, and {@link
 * #migrate} must leave a document it already changed as it is (as the example does). Each changed document is
 * written back only if nobody wrote it meanwhile (its version), and gets a new version.
 */
@GeneratedCodeApi
public interface Migration {
    /** {@code V<n>__<Name>}: the number orders migrations; by default the class's simple name. */
    default String id() {
        return getClass().getSimpleName();
    }

    /** The entity whose stored documents it changes (for an entity the spec removed, its old name). */
    String entity();

    /** The top-level fields whose change in the spec it brings stored documents in line with. */
    Set<String> fields();

    /**
     * Brings one stored document in line: returns it (changed in place, or a new document), or null to delete it.
     * Stored names and types: {@code _id} and refs are ObjectIds, dates and datetimes {@code java.util.Date}s,
     * decimals {@code Decimal128}, enums their spec value. Its {@code _id}, {@code version} and audit fields stay
     * what they were whatever the call does to them (a migration may set {@code userId}, for an entity made
     * user-scoped).
     */
    Document migrate(Document document);

    /** The migrations listed in the {@code META-INF/services} of {@code application}'s class loader. */
    static List<Migration> installed(Class<?> application) {
        List<Migration> found = new ArrayList<>();
        ServiceLoader.load(Migration.class, application.getClassLoader()).forEach(found::add);
        return found;
    }
}
