package dev.instacrud.runtime.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as the list route answers it: {@code {"items": [...], "offset", "limit", "total", "next",
 * "prev"}}, where {@code offset} is absent on a page reached by cursor, {@code total} absent when counting was
 * skipped, and {@code next} and {@code prev} are the cursors of the pages around this one (absent at either end).
 *
 * @param items the items of this page
 * @param offset how many were skipped, or null for a page reached by cursor
 * @param limit the page size asked for
 * @param total how many documents match in the caller's scope, or null when not counted
 * @param next the cursor of the next page ({@code after=}), or null when this is the last
 * @param prev the cursor of the previous page ({@code before=}), or null when this is the first
 * @param <T> what the items are: stored documents, records, or their JSON
 */
@GeneratedCodeApi
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, Integer offset, int limit, Long total, String next, String prev) {
    public Page {
        items = List.copyOf(items);
    }

    /** An offset page, counted, with no cursors. */
    public Page(List<T> items, int offset, int limit, long total) {
        this(items, offset, limit, total, null, null);
    }

    /** The same page with every item converted. */
    public <R> Page<R> map(Function<? super T, ? extends R> convert) {
        List<R> converted = new ArrayList<>(items.size());
        for (T item : items) {
            converted.add(convert.apply(item));
        }
        return new Page<>(converted, offset, limit, total, next, prev);
    }
}
