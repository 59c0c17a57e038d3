package dev.instacrud.runtime.data;

import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as the list route answers it: {@code {"items": [...], "offset", "limit", "total"}}.
 *
 * @param items the items of this page
 * @param offset how many were skipped
 * @param limit the page size asked for
 * @param total how many documents match the filter in the caller's scope
 * @param <T> what the items are: stored documents, records, or their JSON
 */
@GeneratedCodeApi
public record Page<T>(List<T> items, int offset, int limit, long total) {
    public Page {
        items = List.copyOf(items);
    }

    /** The same page with every item converted. */
    public <R> Page<R> map(Function<? super T, ? extends R> convert) {
        List<R> converted = new ArrayList<>(items.size());
        for (T item : items) {
            converted.add(convert.apply(item));
        }
        return new Page<>(converted, offset, limit, total);
    }
}
