package dev.instacrud.runtime.data;

import java.util.List;
import org.bson.Document;

/**
 * One page of a list.
 *
 * @param items the documents of this page
 * @param total how many documents match the filter in the caller's scope
 * @param offset how many were skipped
 * @param limit the page size asked for
 */
public record Page(List<Document> items, long total, int offset, int limit) {
  public Page {
    items = List.copyOf(items);
  }
}
