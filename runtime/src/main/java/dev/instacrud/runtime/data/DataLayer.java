package dev.instacrud.runtime.data;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.audit.AuditStore;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.store.EmbeddedStore;
import dev.instacrud.runtime.store.EmbeddedStoreProvider;
import dev.instacrud.runtime.tenant.ConnectionStringCipher;
import dev.instacrud.runtime.tenant.TenantRouter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data layer of one service, opened once at start-up and closed at shutdown:
 *
 * <pre>{@code
 * DataLayer data = DataLayer.open(settings, EntityRegistry.of(Task.DESCRIPTOR, Project.DESCRIPTOR));
 * Repository tasks = data.repository(Task.DESCRIPTOR);
 * }</pre>
 *
 * <p>With a MongoDB URL it connects to it. Without one it starts the {@link EmbeddedStore} development
 * default (logged as such) over the data directory, or in memory in {@code TEST} mode without a
 * directory, when the optional module {@code instacrud-embedded} is on the class path (a production jar
 * leaves it out: then {@code MONGO_URL} is needed); in {@code PROD} mode without a URL it refuses to start. Each organisation database gets
 * its indexes when first used. Calls the blocking driver. Thread-safe.
 */
@GeneratedCodeApi
public final class DataLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataLayer.class);

    /** The message of the refusal to start in production without a MongoDB URL. */
    public static final String PROD_NEEDS_URL =
            "MODE=prod requires MONGO_URL: the embedded MongoDB is a development default, not for production";

    /** The message of the refusal to start without a MongoDB URL when the embedded store is not on the class path. */
    public static final String NO_EMBEDDED_STORE =
            "MONGO_URL is not set, and this build has no embedded MongoDB (the development store, module"
                    + " instacrud-embedded, is left out of production jars): set MONGO_URL=mongodb://..., or run the"
                    + " development jar";

    private final Settings settings;
    private final EntityRegistry registry;
    private final EmbeddedStore embedded;
    private final MongoClient client;
    private final TenantRouter tenants;
    private final Audit audit;
    private final Indexes indexes;
    private final ForeignKeys foreignKeys;
    private final Deletes deletes;
    private final AuditStore auditStore;
    private final EntityAudit entityAudit;
    private final TenantAuditLog auditLog;
    private final Map<EntityDescriptor, Repository> repositories = new ConcurrentHashMap<>();

    private DataLayer(
            Settings settings, EntityRegistry registry, EmbeddedStore embedded, String url, CommandListener listener) {
        this.settings = settings;
        this.registry = registry;
        this.embedded = embedded;
        // no ServerApi: the embedded server has no hello command and would never be selected
        MongoClientSettings.Builder clientSettings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(url))
                .applyToClusterSettings(b ->
                        b.serverSelectionTimeout(settings.selectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
        if (listener != null) {
            clientSettings.addCommandListener(listener);
        }
        this.client = MongoClients.create(clientSettings.build());
        ConnectionStringCipher cipher =
                settings.orgDbKey() == null ? null : new ConnectionStringCipher(settings.orgDbKey());
        this.tenants = new TenantRouter(
                client,
                settings.serviceName(),
                cipher,
                settings.tenantPolicy(),
                settings.idleTimeout(),
                settings.clock(),
                listener);
        this.audit = new Audit(settings.clock());
        this.auditStore = new AuditStore(settings.clock(), settings.auditRetention());
        this.indexes = new Indexes(registry, auditStore);
        tenants.onRouteChange(indexes::forget);
        this.foreignKeys = new ForeignKeys(registry);
        this.entityAudit = new EntityAudit(auditStore);
        this.deletes = new Deletes(registry, audit, entityAudit);
        this.auditLog = new TenantAuditLog(tenants, indexes, auditStore, embedded != null, settings.clock());
    }

    /**
     * Opens the data layer.
     *
     * @throws IllegalStateException in {@code PROD} mode without a MongoDB URL ({@link #PROD_NEEDS_URL}),
     *     or in {@code DEV} mode without a data directory
     */
    public static DataLayer open(Settings settings, EntityRegistry registry) {
        return open(settings, registry, null);
    }

    /**
     * Opens the data layer with a listener on the service's MongoDB client (the service's command metrics).
     *
     * @param listener hears every command the service's client sends, or null
     * @throws IllegalStateException as {@link #open(Settings, EntityRegistry)}
     */
    public static DataLayer open(Settings settings, EntityRegistry registry, CommandListener listener) {
        if (settings.mongoUrl() != null) {
            return new DataLayer(settings, registry, null, settings.mongoUrl(), listener);
        }
        if (settings.mode() == Mode.PROD) {
            throw new IllegalStateException(PROD_NEEDS_URL);
        }
        EmbeddedStoreProvider store =
                EmbeddedStoreProvider.find().orElseThrow(() -> new IllegalStateException(NO_EMBEDDED_STORE));
        EmbeddedStore embedded;
        if (settings.dataDir() != null) {
            embedded = store.start(settings.dataDir(), settings.clock());
            LOG.info(
                    "No MONGO_URL: using the embedded MongoDB (development default), data in {}",
                    settings.dataDir().resolve(EmbeddedStore.STORE_FILE));
        } else if (settings.mode() == Mode.TEST) {
            embedded = store.startInMemory(settings.clock());
            LOG.info("No MONGO_URL: using the embedded MongoDB in memory (test mode)");
        } else {
            throw new IllegalStateException("without MONGO_URL the embedded MongoDB needs a data directory");
        }
        try {
            return new DataLayer(settings, registry, embedded, embedded.connectionString(), listener);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** The repository of one registered entity. */
    public Repository repository(EntityDescriptor entity) {
        if (!registry.contains(entity)) {
            throw new IllegalArgumentException(entity + " is not in this data layer's registry");
        }
        return repositories.computeIfAbsent(entity, e -> new Repository(this, e));
    }

    /**
     * Creates an organisation database's indexes now rather than on its first request (call it when an
     * organisation is created, or at start-up for the known ones). Idempotent.
     *
     * @throws ApiException 503 when the organisation's own database is unusable
     */
    public void prepareTenant(String orgId) {
        tenants.call(orgId, db -> {
            indexes.ensure(db);
            return null;
        });
    }

    /** The system database (users, organisations, invitations, session codes, rate-limit windows). */
    public MongoDatabase systemDatabase() {
        return tenants.systemDatabase();
    }

    /** Routing to organisation databases, and per-organisation connection strings (org-db mode). */
    public TenantRouter tenants() {
        return tenants;
    }

    /**
     * Each organisation's audit log, in its own database: what the account routes record, and what {@code GET
     * /api/v1/audit} reads.
     */
    public AuditLog auditLog() {
        return auditLog;
    }

    /**
     * Removes audit records past their retention from every organisation's database now, and returns how many. A
     * real MongoDB removes them itself (TTL index), and the embedded server's are swept as each database is used;
     * this is for tools and tests.
     */
    public long sweepAuditLog() {
        return auditLog.sweep();
    }

    /**
     * Deletes every private ({@code scope: user}) document of a user whose account is removed, each following the
     * {@code onDelete} of the refs to it, like a delete by its owner. A document that something else still restricts
     * is tried again once the user's other documents are gone; one that stays restricted (an organisation-wide
     * document refers to it) stops the removal with that 409, to be done again once the reference is gone.
     *
     * @param actorId who removes the account (the user, or an administrator)
     * @throws ApiException 409 naming what still refers to one of the user's documents
     */
    public void deletePrivateDocuments(String orgId, String userId, String actorId) {
        CurrentUser owner = new CurrentUser(userId, "", orgId, dev.instacrud.runtime.context.Role.USER);
        CurrentUser actor = new CurrentUser(actorId, "", orgId, dev.instacrud.runtime.context.Role.USER);
        tenants.call(orgId, db -> {
            indexes.ensure(db);
            java.util.List<Map.Entry<EntityDescriptor, org.bson.types.ObjectId>> left = new java.util.ArrayList<>();
            for (EntityDescriptor entity : registry.all()) {
                if (entity.scope() == EntityDescriptor.Scope.USER) {
                    db.getCollection(entity.collection())
                            .find(new Document("userId", userId))
                            .projection(new Document("_id", 1))
                            .forEach(d -> left.add(Map.entry(entity, d.getObjectId("_id"))));
                }
            }
            ApiException restricted = null;
            while (!left.isEmpty()) {
                restricted = null;
                int before = left.size();
                for (java.util.Iterator<Map.Entry<EntityDescriptor, org.bson.types.ObjectId>> it = left.iterator();
                        it.hasNext(); ) {
                    Map.Entry<EntityDescriptor, org.bson.types.ObjectId> doc = it.next();
                    try {
                        MongoErrors.call(doc.getKey(), () -> {
                            deletes.delete(db, doc.getKey(), owner, doc.getValue(), actor);
                            return null;
                        });
                        it.remove();
                    } catch (ApiException e) {
                        if (e.status() != 409) {
                            throw e;
                        }
                        restricted = e;
                    }
                }
                if (left.size() == before) {
                    throw restricted;
                }
            }
            LOG.info("private documents of user {} deleted (removed by {})", userId, actorId);
            return null;
        });
    }

    /** The entities of this service. */
    public EntityRegistry registry() {
        return registry;
    }

    /** Health: {@code true} when the main database answers {@code {ping: 1}}. */
    public boolean ping() {
        try {
            Document answer = client.getDatabase("admin").runCommand(new Document("ping", 1));
            return answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes the clients, then the embedded server (committing and compacting its file). */
    @Override
    public void close() {
        tenants.close();
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    Settings settings() {
        return settings;
    }

    Audit audit() {
        return audit;
    }

    ForeignKeys foreignKeys() {
        return foreignKeys;
    }

    Deletes deletes() {
        return deletes;
    }

    EntityAudit entityAudit() {
        return entityAudit;
    }

    /** Runs {@code action} on the caller's organisation database, with its indexes, within the organisation's limits. */
    <T> T inTenant(CurrentUser user, Function<MongoDatabase, T> action) {
        return tenants.call(user.orgId(), db -> {
            indexes.ensure(db);
            return action.apply(db);
        });
    }
}
