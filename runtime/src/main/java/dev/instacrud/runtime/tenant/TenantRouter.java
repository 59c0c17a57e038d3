package dev.instacrud.runtime.tenant;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the database of an organisation. Every organisation has its own database, named {@code
 * <service>_org_<orgId>} from the organisation id alone (never from client input); the system database
 * {@code <service>_system} is a different one.
 *
 * <p>In org-db mode an organisation may have its own connection string, kept AES-256-GCM encrypted in
 * the system collection {@value #ORG_DATABASES} ({@code _id} = organisation ObjectId, {@code url} =
 * sealed text). Its client is opened on first use, cached, and closed once idle longer than the idle
 * timeout (checked on use, and by {@link #closeIdle()}). A malformed, undecryptable or unreachable URL
 * fails that organisation's requests with a 503 and touches no other organisation.
 *
 * <p>Calls the blocking driver. Thread-safe.
 */
public final class TenantRouter implements AutoCloseable {
    /** The system collection of per-organisation connection strings. */
    public static final String ORG_DATABASES = "org_databases";

    private static final Logger LOG = LoggerFactory.getLogger(TenantRouter.class);

    private final MongoClient shared;
    private final String prefix;
    private final ConnectionStringCipher cipher;
    private final Duration idleTimeout;
    private final Duration selectionTimeout;
    private final Clock clock;
    private final Map<String, Entry> clients = new ConcurrentHashMap<>();
    private volatile Instant lastSweep;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** A cached per-organisation client; {@code client == null} means the shared one. */
    private static final class Entry {
        final MongoClient client;
        volatile Instant lastUsed;

        Entry(MongoClient client, Instant now) {
            this.client = client;
            this.lastUsed = now;
        }
    }

    /**
     * @param shared the service's client; it holds the system database and every organisation without its
     *     own URL. Not closed by this router.
     * @param serviceName prefix of every database name
     * @param cipher the connection-string cipher, or {@code null} when org-db mode is off
     * @param idleTimeout how long an organisation's own client may stay unused before it is closed
     * @param selectionTimeout how long an organisation's own client waits for its server
     * @param clock the time source
     */
    public TenantRouter(
            MongoClient shared,
            String serviceName,
            ConnectionStringCipher cipher,
            Duration idleTimeout,
            Duration selectionTimeout,
            Clock clock) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.prefix = prefix(serviceName);
        this.cipher = cipher;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.selectionTimeout = Objects.requireNonNull(selectionTimeout, "selectionTimeout");
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
     * The database of one organisation.
     *
     * @throws ApiException 503 when the organisation's own connection string is unusable
     */
    public MongoDatabase database(String orgId) {
        String name = databaseName(orgId);
        Instant now = clock.instant();
        sweepIfDue(now);
        if (cipher == null) {
            return shared.getDatabase(name);
        }
        // compute() is atomic per key with closeIdle()'s computeIfPresent(): a client is never closed
        // between being looked up and being marked as used
        Entry entry = clients.compute(name, (n, old) -> {
            Entry e = old == null ? open(orgId, now) : old;
            e.lastUsed = now;
            return e;
        });
        return (entry.client == null ? shared : entry.client).getDatabase(name);
    }

    /**
     * Sets (or with {@code null} removes) an organisation's own connection string; org-db mode only.
     *
     * @throws ApiException 400 when the URL is not a MongoDB connection string
     * @throws IllegalStateException when org-db mode is off
     */
    public void setConnectionString(String orgId, String url) {
        if (cipher == null) {
            throw new IllegalStateException("per-organisation connection strings need org-db mode");
        }
        ObjectId id = checkedOrgId(orgId);
        if (url == null) {
            systemDatabase().getCollection(ORG_DATABASES).deleteOne(new Document("_id", id));
        } else {
            try {
                new ConnectionString(url);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Not a MongoDB connection string");
            }
            Document record = new Document("_id", id)
                    .append("url", cipher.encrypt(id.toHexString(), url))
                    .append("updatedAt", java.util.Date.from(clock.instant()));
            systemDatabase()
                    .getCollection(ORG_DATABASES)
                    .replaceOne(new Document("_id", id), record, new ReplaceOptions().upsert(true));
        }
        String name = prefix + "_org_" + id.toHexString();
        Entry old = clients.remove(name);
        if (old != null && old.client != null) {
            old.client.close();
        }
        listeners.forEach(l -> l.accept(name));
    }

    /**
     * Registers a callback told the database name of an organisation whose connection string changed
     * (the data layer uses it to create that organisation's indexes on the new server).
     */
    public void onRouteChange(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Closes the organisation clients unused for longer than the idle timeout; returns how many. */
    public int closeIdle() {
        Instant now = clock.instant();
        lastSweep = now;
        int closed = 0;
        for (String name : clients.keySet()) {
            MongoClient[] toClose = new MongoClient[1];
            clients.computeIfPresent(name, (n, e) -> {
                if (Duration.between(e.lastUsed, now).compareTo(idleTimeout) <= 0) {
                    return e;
                }
                toClose[0] = e.client;
                return null;
            });
            if (toClose[0] != null) {
                toClose[0].close();
                closed++;
            }
        }
        return closed;
    }

    /** How many organisation clients of their own are open (for health and tests). */
    public int openClients() {
        return (int) clients.values().stream().filter(e -> e.client != null).count();
    }

    /** Closes every organisation client (not the shared one). */
    @Override
    public void close() {
        clients.values().forEach(e -> {
            if (e.client != null) {
                e.client.close();
            }
        });
        clients.clear();
    }

    private void sweepIfDue(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(idleTimeout.dividedBy(4)) > 0) {
            closeIdle();
        }
    }

    private Entry open(String orgId, Instant now) {
        ObjectId id = checkedOrgId(orgId);
        Document record = systemDatabase()
                .getCollection(ORG_DATABASES)
                .find(new Document("_id", id))
                .first();
        if (record == null) {
            return new Entry(null, now);
        }
        try {
            String url = cipher.decrypt(id.toHexString(), record.getString("url"));
            MongoClientSettings settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(url))
                    .applyToClusterSettings(
                            b -> b.serverSelectionTimeout(selectionTimeout.toMillis(), TimeUnit.MILLISECONDS))
                    .build();
            return new Entry(MongoClients.create(settings), now);
        } catch (RuntimeException e) {
            // never log the URL: it may carry a password
            LOG.warn(
                    "organisation {} has an unusable connection string: {}",
                    id,
                    e.getClass().getSimpleName());
            throw unavailable();
        }
    }

    /** The 503 every failure of an organisation's own database answers with. */
    public static ApiException unavailable() {
        return new ApiException(503, "Service Unavailable", "The database is unavailable");
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
