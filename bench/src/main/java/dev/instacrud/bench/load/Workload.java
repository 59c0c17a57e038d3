package dev.instacrud.bench.load;

import java.util.List;
import java.util.Map;

/**
 * The operations the service benchmark sends for one entity: GET by id, list with one equality filter, create. The
 * same workload, with a path prefix and headers, drives the bare baseline and a generated service.
 *
 * @param label short name of the entity in the report (e.g. {@code org}, {@code user})
 * @param create the create request (also used to seed ids)
 * @param operations what is measured, in order
 */
public record Workload(String label, RequestTemplate create, List<RequestTemplate> operations) {

    /** Copies the list. */
    public Workload {
        operations = List.copyOf(operations);
    }

    /**
     * The three operations on {@code prefix/path}: {@code GET {id}}, {@code GET ?query} (the filter in the target's
     * own syntax; the operation is named {@code "<label> list filtered"} whatever the query, so both sides of a
     * comparison share the name), {@code POST} with {@code body} (which may hold {@code {seq}}).
     *
     * @param headers sent with every request, e.g. {@code Authorization}
     */
    public static Workload crud(
            String label, String prefix, String path, String filter, String body, Map<String, String> headers) {
        String base = prefix + "/" + path;
        RequestTemplate create = new RequestTemplate(label + " create", "POST", base, headers, body);
        return new Workload(
                label,
                create,
                List.of(
                        new RequestTemplate(label + " GET by id", "GET", base + "/{id}", headers, null),
                        new RequestTemplate(label + " list filtered", "GET", base + "?" + filter, headers, null),
                        create));
    }
}
