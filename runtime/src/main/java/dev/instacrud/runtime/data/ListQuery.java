package dev.instacrud.runtime.data;

import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.conversions.Bson;

/**
 * What a list asks for: the client's {@code filter}, {@code sort}, {@code q}, a page by {@code offset} or by
 * cursor ({@code after}, {@code before}), {@code limit} and whether to {@code count} the total; and filters the
 * service itself adds ({@link #and}, from a {@code beforeList} hook), which are trusted and not checked like a
 * client's, but are still wrapped in the caller's scope like everything else. Immutable.
 *
 * @param filter the client's filter (JSON, checked by the filter guard), or null
 * @param sort e.g. {@code "name,-createdAt"}, or null for {@code _id} order
 * @param q the search text, or null
 * @param after a cursor: the page after the item it was made from, or null
 * @param before a cursor: the page before the item it was made from, or null
 * @param offset documents to skip (0 with a cursor)
 * @param limit the page size
 * @param count whether to count every match ({@code total}); false skips the count on big collections
 * @param serverFilters filters the service adds, all of which a document must match
 */
@GeneratedCodeApi
public record ListQuery(
        String filter,
        String sort,
        String q,
        String after,
        String before,
        int offset,
        int limit,
        boolean count,
        List<Bson> serverFilters) {
    public ListQuery {
        serverFilters = List.copyOf(serverFilters);
    }

    /** A first page of {@code limit} in {@code _id} order, counted. */
    public static ListQuery firstPage(int limit) {
        return new ListQuery(null, null, null, null, null, 0, limit, true, List.of());
    }

    /** The same query with one more filter of the service's own (every document must also match it). */
    public ListQuery and(Bson serverFilter) {
        List<Bson> filters = new ArrayList<>(serverFilters);
        filters.add(Objects.requireNonNull(serverFilter, "serverFilter"));
        return new ListQuery(filter, sort, q, after, before, offset, limit, count, filters);
    }
}
