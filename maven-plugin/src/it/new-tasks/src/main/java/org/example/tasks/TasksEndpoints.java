// Created by instacrud from tasks.yaml as a starting point for your own routes.
// This file is yours: regeneration never changes or deletes it.
package org.example.tasks;

import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.http.Routes;

/**
 * The tasks service's own routes, beside the generated ones. Each route added here gets the
 * same protections: a signed-in caller unless it is {@code .publicRoute()}, the roles of
 * {@code .requireRole(...)} (READ_ONLY callers never write), the per-user rate limit, only the
 * query parameters it declares with {@code .queryParams(...)}, strict JSON bodies, problem+json
 * errors (throw an {@code ApiException}), and the caller bound for the repositories, which read
 * and write the caller's organisation only (and a user-scoped entity's own documents only).
 *
 * <p>For example, how many Project documents the caller sees:
 *
 * <pre>{@code
 * ProjectRepository projects = new ProjectRepository(data);
 * routes.get("/api/v1/reports/projects-count", request ->
 *         ApiResponse.ok(Map.of("count", projects.list(ListQuery.firstPage(1)).total())))
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
final class TasksEndpoints {
    private final DataLayer data;

    TasksEndpoints(DataLayer data) {
        this.data = data;
    }

    /**
     * Adds the service's own routes; the application calls it once, at start-up.
     */
    void addTo(Routes routes) {
        // add your routes here (see the example above)
    }
}
