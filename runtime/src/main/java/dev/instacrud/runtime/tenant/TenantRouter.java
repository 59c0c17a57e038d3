package dev.instacrud.runtime.tenant;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.event.CommandListener;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.query.ObjectIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the database of an organisation. Every organisation has its own database, named {@code
 * <service>_org_<orgId>} from the organisation id alone (never from client input); the system database
 * {@code <service>_system} is a different one.
 *
 * <p>In org-db mode an organisation may have its own connection string, kept AES-256-GCM encrypted in the system
 * collection {@value #ORG_DATABASES} ({@code _id} = organisation ObjectId, {@code url} = sealed text). Who may set
 * one: an ORG_ADMIN, for their own organisation, and only to hosts the operator allows ({@link
 * ConnectionStringPolicy}, {@link OrgDbHosts}); the URL is tried once before it is stored, so one that does not
 * work is a 422 then and not a 503 ever after.
 *
 * <p>One organisation never holds up another. Work on an organisation's database goes through {@link #call}: at
 * most {@link TenantPolicy#maxConcurrentRequests()} at once per organisation (more are a 429); an organisation
 * whose own database did not answer is answered 503 with {@code Retry-After} at once by its {@link
 * CircuitBreaker} until one request finds it back; its client has short connect, selection and socket timeouts;
 * no lock shared between organisations is held while talking to a server (a client is opened under its own
 * organisation's lock only). A client is reference-counted: replacing a URL or closing an idle client lets the
 * requests still using it finish before it is closed, on a background thread.
 *
 * <p>Calls the blocking driver. Thread-safe.
 */
public final class TenantRouter implements AutoCloseable {
    /** The system collection of per-organisation connection strings. */
    public static final String ORG_DATABASES = "org_databases";

    private static final Logger LOG = LoggerFactory.getLogger(TenantRouter.class);

    private final MongoClient shared;
    private final CommandListener commandListener;
    private final String prefix;
    private final ConnectionStringCipher cipher;
    private final TenantPolicy policy;
    private final ConnectionStringPolicy urls;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tenant-client-closer");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant lastSweep;

    /** One client generation: the shared client ({@code client == null}) or an organisation's own. */
    private final class Lease {
        final MongoClient client;
        final AtomicInteger holders = new AtomicInteger(1); // the tenant's own hold, then one per request

        Lease(MongoClient client) {
            this.client = client;
        }

        boolean acquire() {
            for (int n = holders.get(); n > 0; n = holders.get()) {
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false; // already closed: the caller looks again
        }

        void release() {
            if (holders.decrementAndGet() == 0 && client != null) {
                closeLater(client);
            }
        }
    }

    /** What the router keeps per organisation database. */
    private final class Tenant {
        final Semaphore permits = new Semaphore(policy.maxConcurrentRequests());
        final CircuitBreaker breaker = new CircuitBreaker(policy.retryAfter());
        volatile Lease lease; // null until loaded, and after the URL changed
        volatile Instant lastUsed;
    }

    /**
     * @param shared the service's client; it holds the system database and every organisation without its own
     *     URL. Not closed by this router.
     * @param serviceName prefix of every database name
     * @param cipher the connection-string cipher, or {@code null} when org-db mode is off
     * @param policy where organisations' own databases may be, their timeouts and limits
     * @param idleTimeout how long an organisation's own client may stay unused before it is closed
     * @param clock the time source
     */
    public TenantRouter(
            MongoClient shared,
            String serviceName,
            ConnectionStringCipher cipher,
            TenantPolicy policy,
            Duration idleTimeout,
            Clock clock) {
        this(shared, serviceName, cipher, policy, idleTimeout, clock, null);
    }

    /**
     * As above, with a listener that hears the commands of every organisation's own client too (the service's
     * command metrics), or {@code null}.
     */
    public TenantRouter(
            MongoClient shared,
            String serviceName,
            ConnectionStringCipher cipher,
            TenantPolicy policy,
            Duration idleTimeout,
            Clock clock,
            CommandListener commandListener) {
        this.commandListener = commandListener;
        this.shared = Objects.requireNonNull(shared, "shared");
        this.prefix = prefix(serviceName);
        this.cipher = cipher;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.urls = new ConnectionStringPolicy(policy.hosts());
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastSweep = clock.instant();
    }

    /** The system database: users, organisations, invitations, session codes, rate-limit windows. */
    public MongoDatabase systemDatabase() {
        return shared.getDatabase(prefix + "_system");
    }

    /** The name of an organisation's database. */
    public String databaseName(String orgId) {
        return prefix + "_org_" + checkedOrgId(orgId).toHexString();
    }

    /**
     * Runs {@code action} on the organisation's database, within the organisation's limits. The driver's "cannot
     * reach the server" failures become a 503 with {@code Retry-After}, and for an organisation's own database
     * open its circuit breaker.
     *
     * @throws ApiException 429 when the organisation already has its maximum of requests running; 503 when its
     *     database is unusable or was just found unreachable
     */
    public <T> T call(String orgId, Function<MongoDatabase, T> action) {
        String name = databaseName(orgId);
        Instant now = clock.instant();
        sweepIfDue(now);
        Tenant tenant = tenants.computeIfAbsent(name, n -> new Tenant());
        tenant.lastUsed = now;
        if (!tenant.permits.tryAcquire()) {
            throw new ApiException(429, "Too Many Requests", "Too many concurrent requests for this organisation")
                    .retryAfter(1);
        }
        try {
            Lease lease = acquire(orgId, tenant);
            try {
                return run(tenant, lease, name, action);
            } finally {
                lease.release();
            }
        } finally {
            tenant.permits.release();
        }
    }

    private <T> T run(Tenant tenant, Lease lease, String name, Function<MongoDatabase, T> action) {
        if (lease.client == null) {
            try {
                return action.apply(shared.getDatabase(name));
            } catch (MongoTimeoutException | MongoSocketException e) {
                throw unavailable();
            }
        }
        long wait = tenant.breaker.refusal(clock.instant());
        if (wait > 0) {
            throw unavailable().retryAfter(wait);
        }
        boolean reached = true;
        try {
            return action.apply(lease.client.getDatabase(name));
        } catch (MongoTimeoutException | MongoSocketException | MongoSecurityException e) {
            reached = false;
            boolean conclusive = !(e instanceof MongoSocketReadTimeoutException);
            long retry = tenant.breaker.failed(clock.instant(), conclusive);
            if (retry > 0) {
                LOG.warn(
                        "the own database of {} is unreachable ({}): answering 503 for {} s",
                        name,
                        e.getClass().getSimpleName(),
                        retry);
            }
            throw unavailable().retryAfter(Math.max(1, retry));
        } finally {
            if (reached) {
                tenant.breaker.succeeded(); // it answered, even if with an error of the request's own
            }
        }
    }

    /**
     * The database of one organisation, for set-up and tests: no limit applies and the client is not held, so
     * prefer {@link #call} for work.
     *
     * @throws ApiException 503 when the organisation's own connection string is unusable
     */
    public MongoDatabase database(String orgId) {
        String name = databaseName(orgId);
        Tenant tenant = tenants.computeIfAbsent(name, n -> new Tenant());
        Lease lease = acquire(orgId, tenant);
        lease.release();
        return (lease.client == null ? shared : lease.client).getDatabase(name);
    }

    /**
     * Sets (or with {@code null} removes) an organisation's own connection string; org-db mode only. The URL must
     * pass the policy and answer once before it is stored; the organisation's requests still running on the old
     * client finish there, and the next ones use the new one.
     *
     * @throws ApiException 422 saying what is wrong with the URL (never repeating it: it may hold a password)
     * @throws IllegalStateException when org-db mode is off
     */
    public void setConnectionString(String orgId, String url) {
        if (cipher == null) {
            throw new IllegalStateException("per-organisation connection strings need org-db mode");
        }
        ObjectId id = checkedOrgId(orgId);
        String name = databaseName(orgId);
        if (url == null) {
            systemDatabase().getCollection(ORG_DATABASES).deleteOne(new Document("_id", id));
        } else {
            probe(urls.check(url), name);
            Document record = new Document("_id", id)
                    .append("url", cipher.encrypt(id.toHexString(), url))
                    .append("updatedAt", java.util.Date.from(clock.instant()));
            systemDatabase()
                    .getCollection(ORG_DATABASES)
                    .replaceOne(new Document("_id", id), record, new ReplaceOptions().upsert(true));
        }
        Tenant tenant = tenants.computeIfAbsent(name, n -> new Tenant());
        synchronized (tenant) {
            Lease old = tenant.lease;
            tenant.lease = null; // the next request loads the new URL
            tenant.breaker.succeeded();
            if (old != null) {
                old.release(); // closed once the requests still using it are done
            }
        }
        listeners.forEach(l -> l.accept(name));
    }

    /**
     * Registers a callback told the database name of an organisation whose connection string changed (the data
     * layer uses it to create that organisation's indexes on the new server).
     */
    public void onRouteChange(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Lets go of the organisation clients unused for longer than the idle timeout (each is closed once its last
     * request is done); returns how many.
     */
    public int closeIdle() {
        Instant now = clock.instant();
        lastSweep = now;
        int closed = 0;
        for (Tenant tenant : tenants.values()) { // kept: one small entry per organisation, not per client
            if (Duration.between(tenant.lastUsed == null ? now : tenant.lastUsed, now)
                            .compareTo(idleTimeout)
                    <= 0) {
                continue;
            }
            synchronized (tenant) {
                Lease lease = tenant.lease;
                if (lease != null && lease.client != null) {
                    tenant.lease = null;
                    lease.release();
                    closed++;
                }
            }
        }
        return closed;
    }

    /** How many organisation clients of their own are open (for health and tests). */
    public int openClients() {
        return (int) tenants.values().stream()
                .map(t -> t.lease)
                .filter(l -> l != null && l.client != null)
                .count();
    }

    /** Closes every organisation client (not the shared one), waiting a little for them. */
    @Override
    public void close() {
        for (Tenant tenant : tenants.values()) {
            synchronized (tenant) {
                if (tenant.lease != null) {
                    tenant.lease.release();
                    tenant.lease = null;
                }
            }
        }
        tenants.clear();
        closer.shutdown();
        try {
            closer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The 503 every failure of an organisation's database answers with. */
    public static ApiException unavailable() {
        return new ApiException(503, "Service Unavailable", "The database is unavailable");
    }

    // The organisation's current client, held for the caller; loaded under this organisation's lock only.
    private Lease acquire(String orgId, Tenant tenant) {
        while (true) {
            Lease lease = tenant.lease;
            if (lease == null) {
                synchronized (tenant) {
                    if (tenant.lease == null) {
                        tenant.lease = load(orgId);
                    }
                    lease = tenant.lease;
                }
            }
            if (lease.acquire()) {
                return lease;
            }
        }
    }

    private Lease load(String orgId) {
        if (cipher == null) {
            return new Lease(null);
        }
        ObjectId id = checkedOrgId(orgId);
        Document record;
        try {
            record = systemDatabase()
                    .getCollection(ORG_DATABASES)
                    .find(new Document("_id", id))
                    .first();
        } catch (MongoTimeoutException | MongoSocketException e) {
            throw unavailable();
        }
        if (record == null) {
            return new Lease(null);
        }
        try {
            // checked again: the record may come from a version with another policy, or the policy may have changed
            ConnectionString url = urls.check(cipher.decrypt(id.toHexString(), record.getString("url")));
            return new Lease(MongoClients.create(settings(url)));
        } catch (RuntimeException e) {
            // never log the URL: it may carry a password
            LOG.warn(
                    "organisation {} has an unusable connection string: {}",
                    id,
                    e instanceof ApiException api ? api.detail() : e.getClass().getSimpleName());
            throw unavailable();
        }
    }

    // Tries the URL once, as the service would use it: a 422 saying what failed, in the client's terms.
    private void probe(ConnectionString url, String name) {
        MongoClient probe = MongoClients.create(settings(url));
        try {
            probe.getDatabase(name).listCollectionNames().first();
        } catch (MongoTimeoutException | MongoSocketException e) {
            throw OrgDbHosts.refused("the database did not answer within "
                    + policy.selectionTimeout().toMillis() + " ms");
        } catch (MongoSecurityException e) {
            throw OrgDbHosts.refused("the database refused the credentials");
        } catch (MongoCommandException e) {
            throw OrgDbHosts.refused(
                    "the database refused to list the collections of " + name + " (" + e.getErrorCodeName() + ")");
        } catch (MongoException e) {
            throw OrgDbHosts.refused(
                    "the database could not be used (" + e.getClass().getSimpleName() + ")");
        } finally {
            closeLater(probe);
        }
    }

    // Closing talks to the server (it ends the sessions): never on a request thread, unless the router is closed.
    private void closeLater(MongoClient client) {
        try {
            closer.execute(client::close);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            client.close();
        }
    }

    private MongoClientSettings settings(ConnectionString url) {
        long connect = policy.connectTimeout().toMillis();
        MongoClientSettings.Builder builder = MongoClientSettings.builder();
        if (commandListener != null) {
            builder.addCommandListener(commandListener);
        }
        return builder.applyConnectionString(url)
                .inetAddressResolver(policy.hosts()) // every connection, not just the URL's hosts, is checked
                .applyToSocketSettings(b -> b.connectTimeout((int) connect, TimeUnit.MILLISECONDS)
                        .readTimeout((int) policy.socketTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToClusterSettings(
                        b -> b.serverSelectionTimeout(policy.selectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(
                        b -> b.maxSize(policy.maxConcurrentRequests()).maxWaitTime(connect, TimeUnit.MILLISECONDS))
                .build();
    }

    private void sweepIfDue(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(idleTimeout.dividedBy(4)) > 0) {
            closeIdle();
        }
    }

    private static ObjectId checkedOrgId(String orgId) {
        return ObjectIds.parse(orgId)
                .orElseThrow(() -> new IllegalArgumentException("organisation id is not an ObjectId"));
    }

    private static String prefix(String serviceName) {
        String p = Objects.requireNonNull(serviceName, "serviceName")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (p.isEmpty() || p.length() > 30) {
            throw new IllegalArgumentException("service name must have 1 to 30 characters");
        }
        return p;
    }
}
