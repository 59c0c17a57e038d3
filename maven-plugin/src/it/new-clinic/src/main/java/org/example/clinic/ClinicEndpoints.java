// Created by instacrud from clinic.yaml as a starting point for your own routes.
// This file is yours: regeneration never changes or deletes it.
package org.example.clinic;

import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.http.Routes;

/**
 * The clinic service's own routes, beside the generated ones. Each route added here gets the
 * same protections: a signed-in caller unless it is {@code .publicRoute()}, the roles of
 * {@code .requireRole(...)} (READ_ONLY callers never write), the per-user rate limit, only the
 * query parameters it declares with {@code .queryParams(...)}, strict JSON bodies, problem+json
 * errors (throw an {@code ApiException}), and the caller bound for the repositories, which read
 * and write the caller's organisation only (and a user-scoped entity's own documents only).
 *
 * <p>For example, how many Ward documents the caller sees:
 *
 * <pre>{@code
 * WardRepository wards = new WardRepository(data);
 * routes.get("/api/v1/reports/wards-count", request ->
 *         ApiResponse.ok(Map.of("count", wards.list(ListQuery.firstPage(1)).total())))
 *     .requireRole(Role.ORG_ADMIN, Role.USER);
 * }</pre>
 *
 * <p>(with {@code java.util.Map}, {@code dev.instacrud.runtime.context.Role}, {@code
 * dev.instacrud.runtime.data.ListQuery} and {@code dev.instacrud.runtime.http.ApiResponse}
 * imported).
 *
 * <p>instacrud created this file once, as a starting point: it is yours, and regeneration
 * never changes or deletes it.
 */
final class ClinicEndpoints {
    private final DataLayer data;

    ClinicEndpoints(DataLayer data) {
        this.data = data;
    }

    /**
     * Adds the service's own routes; the application calls it once, at start-up.
     */
    void addTo(Routes routes) {
        // add your routes here (see the example above)
    }
}
