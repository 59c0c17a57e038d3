package dev.instacrud.runtime.context;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling and which request this is, bound to the serving thread for the duration of one request.
 *
 * <p>The web layer binds it in a try-with-resources block once the caller is authenticated:
 *
 * <pre>{@code
 * try (RequestContext.Scope ignored = RequestContext.bind(requestId, user)) {
 *   handler.handle(request);
 * }
 * }</pre>
 *
 * Closing the scope restores what was bound before (normally nothing), even when the handler throws, so
 * a pooled thread never carries one caller into the next request. The data layer calls {@link
 * #requireUser()}: with nothing bound it throws, so no query ever runs without a tenant (fail closed).
 */
public final class RequestContext {
    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();

    private RequestContext() {}

    /** What one request has bound: its id, and its caller (null while unauthenticated). */
    private record Bound(String requestId, CurrentUser user) {}

    /** Closing it unbinds the context; it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Binds a request to the current thread.
     *
     * @param requestId the request's id, echoed in logs
     * @param user the authenticated caller, or {@code null} for a public route
     */
    public static Scope bind(String requestId, CurrentUser user) {
        Objects.requireNonNull(requestId, "requestId");
        Bound previous = CURRENT.get();
        CURRENT.set(new Bound(requestId, user));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The caller of the current request, if one is bound and authenticated. */
    public static Optional<CurrentUser> user() {
        Bound bound = CURRENT.get();
        return bound == null ? Optional.empty() : Optional.ofNullable(bound.user());
    }

    /** The current request's id, if a request is bound. */
    public static Optional<String> requestId() {
        Bound bound = CURRENT.get();
        return bound == null ? Optional.empty() : Optional.of(bound.requestId());
    }

    /**
     * The caller of the current request.
     *
     * @throws IllegalStateException when no authenticated caller is bound: a data access outside a request
     *     is a programming error and must not fall back to any tenant
     */
    public static CurrentUser requireUser() {
        return user().orElseThrow(() -> new IllegalStateException("no authenticated request context is bound"));
    }
}
