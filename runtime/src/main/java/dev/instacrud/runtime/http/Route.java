package dev.instacrud.runtime.http;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.context.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * One route and its options. Secure by default: a route is authenticated, READ_ONLY callers get 403 on
 * every write method (POST, PUT, PATCH, DELETE), and it is declared blocking (Jetty runs it on a pool
 * thread, as it may call the blocking MongoDB driver). Options are set while the routes are assembled;
 * they are frozen once the server starts.
 */
@GeneratedCodeApi
public final class Route {
    /** How a route is rate-limited: per user (the default for authenticated routes) or per client IP. */
    public enum Limit {
        /** Per authenticated user, with {@code API_RATE_LIMIT}; public routes are not limited. */
        PER_USER,
        /** Per client IP and route, with {@code AUTH_RATE_LIMIT}: sign-up, sign-in, code redemption. */
        PER_IP
    }

    private final String method;
    private final PathTemplate template;
    private final RouteHandler handler;
    private boolean isPublic;
    private Set<Role> roles = EnumSet.allOf(Role.class);
    private boolean blocking = true;
    private boolean readOnlySafe;
    private Limit limit = Limit.PER_USER;
    private Set<String> queryParams = Set.of();
    private boolean anyQueryParams;
    private volatile boolean frozen;

    Route(String method, String template, RouteHandler handler) {
        this.method = method;
        this.template = new PathTemplate(template);
        this.handler = handler;
    }

    /** Opens the route to unauthenticated callers (health, sign-in, sign-up). */
    public Route publicRoute() {
        check();
        isPublic = true;
        return this;
    }

    /** Allows only callers with one of these roles; others get 403. */
    public Route requireRole(Role... allowed) {
        check();
        if (allowed.length == 0) {
            throw new IllegalArgumentException("at least one role");
        }
        roles = EnumSet.of(allowed[0], allowed);
        return this;
    }

    /**
     * Lets READ_ONLY callers use this non-GET route: a POST that only reads (a search with a body), or one that
     * changes only the caller's own account (signing out, changing their password). The route must change no
     * document of the organisation: READ_ONLY is otherwise refused on every write method.
     */
    public Route allowReadOnly() {
        check();
        readOnlySafe = true;
        return this;
    }

    /** Declares that the handler never blocks, so Jetty may run it on the I/O thread. */
    public Route nonBlocking() {
        check();
        blocking = false;
        return this;
    }

    /** Limits this route per client IP with {@code AUTH_RATE_LIMIT}; each such route has its own allowance. */
    public Route limitPerIp() {
        check();
        limit = Limit.PER_IP;
        return this;
    }

    /**
     * The query parameters this route reads. Any other one, or one given twice, is a 400 naming it: a route
     * accepts no query parameter unless it says so, as the body accepts no unknown field.
     */
    public Route queryParams(String... names) {
        check();
        java.util.SortedSet<String> all = new java.util.TreeSet<>(queryParams);
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a query parameter needs a name");
            }
            all.add(name);
        }
        queryParams = java.util.Collections.unmodifiableSortedSet(all);
        return this;
    }

    /**
     * Accepts any query parameters, for a route whose caller is not ours to hold to a list: an OAuth
     * provider's redirect adds parameters of its own ({@code session_state}, {@code iss}, {@code scope}).
     */
    public Route anyQueryParams() {
        check();
        anyQueryParams = true;
        return this;
    }

    private void check() {
        if (frozen) {
            throw new IllegalStateException("routes are frozen once the server has started");
        }
    }

    void freeze() {
        frozen = true;
    }

    public String method() {
        return method;
    }

    public String template() {
        return template.text();
    }

    PathTemplate pathTemplate() {
        return template;
    }

    RouteHandler handler() {
        return handler;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    boolean allows(Role role) {
        if (!roles.contains(role)) {
            return false;
        }
        return role != Role.READ_ONLY || !isWrite() || readOnlySafe;
    }

    boolean isWrite() {
        return !method.equals("GET");
    }

    public boolean isBlocking() {
        return blocking;
    }

    public Limit limit() {
        return limit;
    }

    /** The query parameters the route reads, sorted; see {@link #queryParams(String...)}. */
    public Set<String> acceptedQueryParams() {
        return queryParams;
    }

    boolean acceptsAnyQueryParams() {
        return anyQueryParams;
    }
}
