package dev.instacrud.runtime.tenant;

import java.time.Duration;
import java.util.Objects;

/**
 * How far one organisation can reach and how much it can hold.
 *
 * @param hosts where an organisation's own database may be ({@code ORG_DB_ALLOWED_HOSTS}); none by default
 * @param connectTimeout how long a connection to an organisation's own database may take to open; server selection
 *     waits at most one and a half times as long ({@code ORG_DB_CONNECT_TIMEOUT_MS})
 * @param socketTimeout how long an organisation's own database may take to answer one operation ({@code
 *     ORG_DB_SOCKET_TIMEOUT_MS})
 * @param maxConcurrentRequests how many requests of one organisation may use its database at once; more are a 429
 *     ({@code ORG_MAX_CONCURRENT_REQUESTS})
 * @param retryAfter how long an organisation whose own database was unreachable is answered 503 at once before one
 *     request tries again; doubled after each failed try ({@code ORG_DB_RETRY_AFTER_SECONDS})
 */
public record TenantPolicy(
        OrgDbHosts hosts,
        Duration connectTimeout,
        Duration socketTimeout,
        int maxConcurrentRequests,
        Duration retryAfter) {
    /** No host allowed, 2 s to connect, 10 s to answer, 32 requests at once, 30 s before retrying. */
    public static final TenantPolicy DEFAULT = new TenantPolicy(
            OrgDbHosts.NONE, Duration.ofSeconds(2), Duration.ofSeconds(10), 32, Duration.ofSeconds(30));

    public TenantPolicy {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        }
    }

    /** The server selection timeout of an organisation's own client. */
    Duration selectionTimeout() {
        return connectTimeout.plus(connectTimeout.dividedBy(2));
    }

    /** The same policy allowing these hosts. */
    public TenantPolicy withHosts(OrgDbHosts allowed) {
        return new TenantPolicy(allowed, connectTimeout, socketTimeout, maxConcurrentRequests, retryAfter);
    }
}
