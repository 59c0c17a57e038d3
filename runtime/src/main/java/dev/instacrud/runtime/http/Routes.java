package dev.instacrud.runtime.http;

import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The routing table generated code fills in:
 *
 * <pre>{@code
 * Routes routes = new Routes();
 * routes.get("/api/v1/tasks/{id}", req -> ApiResponse.ok(repo.get(req.pathParam("id"))));
 * routes.post("/api/v1/tasks", req -> { Task t = req.bodyAs(TaskCreate.class); ... })
 *     .requireRole(Role.ORG_ADMIN, Role.USER);
 * }</pre>
 *
 * Every route is authenticated unless {@link Route#publicRoute()} is called, and READ_ONLY callers get 403
 * on every write. Two routes with the same method and template are refused.
 */
@GeneratedCodeApi
public final class Routes {
    private final List<Route> routes = new ArrayList<>();

    public Route get(String template, RouteHandler handler) {
        return add("GET", template, handler);
    }

    public Route post(String template, RouteHandler handler) {
        return add("POST", template, handler);
    }

    public Route put(String template, RouteHandler handler) {
        return add("PUT", template, handler);
    }

    public Route patch(String template, RouteHandler handler) {
        return add("PATCH", template, handler);
    }

    public Route delete(String template, RouteHandler handler) {
        return add("DELETE", template, handler);
    }

    /** Adds every route of another table. */
    public Routes addAll(Routes other) {
        for (Route route : other.routes) {
            requireNew(route.method(), route.template());
            routes.add(route);
        }
        return this;
    }

    private Route add(String method, String template, RouteHandler handler) {
        requireNew(method, template);
        Route route = new Route(method, template, handler);
        routes.add(route);
        return route;
    }

    private void requireNew(String method, String template) {
        for (Route route : routes) {
            if (route.method().equals(method) && route.template().equals(template)) {
                throw new IllegalArgumentException("duplicate route " + method + " " + template);
            }
        }
    }

    /** The routes, in the order they were added. */
    public List<Route> all() {
        return Collections.unmodifiableList(routes);
    }
}
