package dev.instacrud.runtime.http;

import dev.instacrud.runtime.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Step 1 of the {@link Router}: finds the route for a method and a decoded path. A path no template matches
 * is a 404; a path some template matches under other methods only is a 405 naming them. When several
 * templates match, the one with the fewest parameters wins ({@code /invitations} over {@code /{id}}), and
 * of those the one declared first.
 *
 * <p>Not Jetty's {@code PathMappings}: it keeps one best match per path spec in its own order, while a 405
 * needs every method of every matching template and a tie must go to the route declared first.
 */
final class RouteTable {
    /** A matched route and the values of its path parameters. */
    record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes;

    /** Freezes the routes: their options can no longer change. */
    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.routes.forEach(Route::freeze);
    }

    /** Non-blocking only when every route says it never blocks. */
    InvocationType invocationType() {
        return routes.stream().allMatch(r -> !r.isBlocking()) ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING;
    }

    /**
     * @param method the upper-case HTTP method
     * @param path the decoded path in context
     * @throws ApiException 404 when no template matches, 405 when none matches under this method
     */
    Match match(String method, String path) {
        List<String> segments = PathTemplate.split(path);
        Route route = null;
        Map<String, String> params = null;
        int bestParams = Integer.MAX_VALUE;
        Set<String> allowed = new TreeSet<>();
        for (Route candidate : routes) {
            Map<String, String> match = candidate.pathTemplate().match(segments);
            if (match == null) {
                continue;
            }
            allowed.add(candidate.method());
            if (candidate.method().equals(method) && match.size() < bestParams) {
                route = candidate;
                params = match;
                bestParams = match.size();
            }
        }
        if (route == null) {
            if (allowed.isEmpty()) {
                throw ApiException.notFound("Not found");
            }
            throw new ApiException(
                    405, "Method Not Allowed", "Method not allowed; allowed: " + String.join(", ", allowed));
        }
        return new Match(route, params);
    }
}
