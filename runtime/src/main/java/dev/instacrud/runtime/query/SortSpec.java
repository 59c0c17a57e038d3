package dev.instacrud.runtime.query;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.Map;
import org.bson.Document;

/**
 * Parses a sort parameter such as {@code "name,-createdAt"} ({@code -} for descending) against the
 * entity's sortable fields; {@code id} means {@code _id}. {@code _id} is always appended as the last key
 * so pages are stable. An unknown or secret field, an empty key, or more than {@link #MAX_KEYS} keys is a
 * 400 of type {@code sort_not_allowed}.
 */
public final class SortSpec {
    /** The most sort keys accepted. */
    public static final int MAX_KEYS = 5;

    private SortSpec() {}

    /**
     * @param sort the parameter, {@code null} or blank for {@code _id} ascending
     * @param fields the entity's declared fields; {@code SECRET} ones are refused
     */
    public static Document parse(String sort, Map<String, FieldKind> fields) {
        Document out = new Document();
        if (sort != null && !sort.isBlank()) {
            String[] keys = sort.split(",", -1);
            if (keys.length > MAX_KEYS) {
                throw refuse("at most " + MAX_KEYS + " sort keys are accepted", sort);
            }
            for (String raw : keys) {
                String key = raw.strip();
                boolean descending = key.startsWith("-");
                String name = descending || key.startsWith("+") ? key.substring(1) : key;
                FieldKind kind = "id".equals(name) ? FieldKind.OBJECT_ID : fields.get(name);
                if (name.isEmpty() || kind == null || kind == FieldKind.SECRET) {
                    throw refuse("field '" + name + "' cannot be sorted on", key);
                }
                String stored = "id".equals(name) ? "_id" : name;
                if (out.containsKey(stored)) {
                    throw refuse("field '" + name + "' appears twice", key);
                }
                out.append(stored, descending ? -1 : 1);
            }
        }
        out.putIfAbsent("_id", 1);
        return out;
    }

    private static ApiException refuse(String msg, String key) {
        return ApiException.badRequest(
                "Invalid sort: " + msg, ErrorDetail.of(msg, "sort_not_allowed", "query", "sort", key));
    }
}
