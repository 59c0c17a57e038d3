package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.store.EmbeddedStore;
import dev.instacrud.runtime.store.TestStoreProvider;
import dev.instacrud.runtime.tenant.ConnectionStringCipher;
import dev.instacrud.runtime.tenant.OrgDbHosts;
import dev.instacrud.runtime.tenant.TenantPolicy;
import dev.instacrud.runtime.tenant.TenantRouter;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantRoutingTest {
    static final byte[] KEY = new byte[32];
    static final TenantPolicy POLICY = new TenantPolicy(
            OrgDbHosts.parse(List.of("127.0.0.1")),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            4,
            Duration.ofSeconds(30));
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DataLayer data;
    EmbeddedStore orgServer;

    @BeforeEach
    void open() {
        KEY[3] = 7;
        data = DataLayer.open(
                Settings.builder("svc", Mode.TEST)
                        .clock(clock)
                        .orgDbKey(KEY)
                        .idleTimeout(Duration.ofMinutes(5))
                        .tenantPolicy(POLICY)
                        .build(),
                Fixtures.REGISTRY);
        orgServer = new TestStoreProvider().startInMemory(Clock.systemUTC());
    }

    @AfterEach
    void close() {
        data.close();
        orgServer.close();
    }

    @Test
    void databaseNamesComeFromTheOrganisationIdOnly() {
        TenantRouter router = data.tenants();
        String org = new ObjectId().toHexString();
        assertEquals("svc_org_" + org, router.databaseName(org));
        assertEquals("svc_system", data.systemDatabase().getName());
        assertNotEquals(data.systemDatabase().getName(), router.database(org).getName());
        for (String bad : new String[] {"../admin", "svc_system", "", "6b0bb56faf5554f0dc7ba47"}) {
            assertThrows(IllegalArgumentException.class, () -> router.databaseName(bad));
        }
        assertTrue(data.ping());
    }

    @Test
    void anOrganisationsOwnDatabaseIsEncryptedAtRestAndUsed() {
        CurrentUser own = Fixtures.newOrgUser();
        CurrentUser shared = Fixtures.newOrgUser();
        as(own, () -> data.repository(Fixtures.PROJECT).list(null, null, 0, 1)); // indexes on the shared server
        data.tenants().setConnectionString(own.orgId(), orgServer.connectionString());

        Document stored = data.systemDatabase()
                .getCollection(TenantRouter.ORG_DATABASES)
                .find(new Document("_id", new ObjectId(own.orgId())))
                .first();
        assertFalse(stored.getString("url").contains("127.0.0.1"), "no plain URL at rest");
        assertEquals(
                orgServer.connectionString(),
                new ConnectionStringCipher(KEY).decrypt(own.orgId(), stored.getString("url")));

        as(own, () -> data.repository(Fixtures.PROJECT).insert(new Document("name", "mine").append("code", "C")));
        // the unique index was created on the organisation's new server too
        assertEquals(
                409,
                assertThrows(
                                ApiException.class,
                                () -> as(
                                        own,
                                        () -> data.repository(Fixtures.PROJECT)
                                                .insert(new Document("name", "again").append("code", "C"))))
                        .status());
        as(shared, () -> data.repository(Fixtures.PROJECT).insert(new Document("name", "shared")));
        try (MongoClient direct = MongoClients.create(orgServer.connectionString())) {
            assertEquals(
                    1,
                    direct.getDatabase("svc_org_" + own.orgId())
                            .getCollection("projects")
                            .countDocuments());
            assertFalse(direct.listDatabaseNames().into(new ArrayList<>()).contains("svc_org_" + shared.orgId()));
        }
        assertEquals(
                0,
                data.tenants()
                        .database(own.orgId())
                        .getCollection("projects")
                        .countDocuments(new Document("name", "shared")));
    }

    @Test
    void aBadUrlFailsOnlyThatOrganisation() throws Exception {
        CurrentUser broken = Fixtures.newOrgUser();
        CurrentUser garbled = Fixtures.newOrgUser();
        CurrentUser fine = Fixtures.newOrgUser();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        // refused when registered: it does not answer
        assertEquals(
                422,
                assertThrows(
                                ApiException.class,
                                () -> data.tenants()
                                        .setConnectionString(broken.orgId(), "mongodb://127.0.0.1:" + closedPort))
                        .status());
        // a database that stopped answering after it was registered
        data.systemDatabase()
                .getCollection(TenantRouter.ORG_DATABASES)
                .insertOne(new Document("_id", new ObjectId(broken.orgId()))
                        .append(
                                "url",
                                new ConnectionStringCipher(KEY)
                                        .encrypt(broken.orgId(), "mongodb://127.0.0.1:" + closedPort)));
        // a record that decrypts to something unusable (e.g. written with another key)
        data.systemDatabase()
                .getCollection(TenantRouter.ORG_DATABASES)
                .insertOne(new Document("_id", new ObjectId(garbled.orgId()))
                        .append("url", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(
                422,
                assertThrows(
                                ApiException.class,
                                () -> data.tenants().setConnectionString(fine.orgId(), "http://not-mongo"))
                        .status());

        for (CurrentUser u : new CurrentUser[] {broken, garbled}) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> as(u, () -> data.repository(Fixtures.PROJECT).list(null, null, 0, 10)));
            assertEquals(503, e.status());
            assertFalse(e.detail().contains("127.0.0.1"));
        }
        as(fine, () -> data.repository(Fixtures.PROJECT).insert(new Document("name", "ok")));
        assertEquals(
                1,
                as(fine, () -> data.repository(Fixtures.PROJECT).list(null, null, 0, 10))
                        .total());
    }

    @Test
    void idleClientsAreClosedAndReopened() {
        CurrentUser own = Fixtures.newOrgUser();
        data.tenants().setConnectionString(own.orgId(), orgServer.connectionString());
        as(own, () -> data.repository(Fixtures.TAG).insert(new Document("label", "a")));
        assertEquals(1, data.tenants().openClients());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, data.tenants().closeIdle());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, data.tenants().closeIdle());
        assertEquals(0, data.tenants().openClients());
        assertEquals(
                1,
                as(own, () -> data.repository(Fixtures.TAG).list(null, null, 0, 10))
                        .total());
        assertEquals(1, data.tenants().openClients());
    }

    @Test
    void anUnreachableOwnDatabaseIsAnswered503AtOnceUntilItsRetryTime() throws Exception {
        CurrentUser down = Fixtures.newOrgUser();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        data.systemDatabase()
                .getCollection(TenantRouter.ORG_DATABASES)
                .insertOne(new Document("_id", new ObjectId(down.orgId()))
                        .append(
                                "url",
                                new ConnectionStringCipher(KEY)
                                        .encrypt(down.orgId(), "mongodb://127.0.0.1:" + closedPort)));
        ApiException first = listFails(down);
        assertEquals(503, first.status());
        assertEquals(30, first.retryAfterSeconds(), "the request that found it down opens the breaker");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(20, listFails(down).retryAfterSeconds(), "answered by the breaker, not the driver");
        clock.advance(Duration.ofSeconds(21));
        assertEquals(60, listFails(down).retryAfterSeconds(), "one try, failed: twice as long");
        // another organisation never noticed
        CurrentUser fine = Fixtures.newOrgUser();
        as(fine, () -> data.repository(Fixtures.TAG).insert(new Document("label", "ok")));
    }

    @Test
    void anOrganisationHoldsAtMostItsShareOfRequests() {
        CurrentUser busy = Fixtures.newOrgUser();
        CurrentUser other = Fixtures.newOrgUser();
        ApiException refused = holdAll(busy.orgId(), 1, () -> {
            // while every permit of the busy organisation is held, another one still gets through
            assertEquals(
                    data.tenants().databaseName(other.orgId()),
                    data.tenants().call(other.orgId(), MongoDatabase::getName));
            return assertThrows(ApiException.class, () -> data.tenants().call(busy.orgId(), MongoDatabase::getName));
        });
        assertEquals(429, refused.status());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(
                data.tenants().databaseName(busy.orgId()),
                data.tenants().call(busy.orgId(), MongoDatabase::getName),
                "permits come back");
    }

    // Nested calls, each holding one of the organisation's permits, then the action inside the last.
    private <T> T holdAll(String orgId, int held, java.util.function.Supplier<T> action) {
        return data.tenants()
                .call(
                        orgId,
                        db -> held == POLICY.maxConcurrentRequests() ? action.get() : holdAll(orgId, held + 1, action));
    }

    @Test
    void switchingTheUrlLetsRunningRequestsFinishOnTheOldClient() {
        CurrentUser own = Fixtures.newOrgUser();
        data.tenants().setConnectionString(own.orgId(), orgServer.connectionString());
        as(own, () -> data.repository(Fixtures.TAG).insert(new Document("label", "on the first server")));
        try (EmbeddedStore second = new TestStoreProvider().startInMemory(Clock.systemUTC())) {
            long counted = data.tenants().call(own.orgId(), db -> {
                data.tenants().setConnectionString(own.orgId(), second.connectionString());
                return db.getCollection("tags").countDocuments(); // the old client is still open
            });
            assertEquals(1, counted);
            assertEquals(
                    0,
                    as(own, () -> data.repository(Fixtures.TAG).list(null, null, 0, 10))
                            .total(),
                    "the next request uses the new server");
        }
    }

    private ApiException listFails(CurrentUser user) {
        return assertThrows(
                ApiException.class,
                () -> as(user, () -> data.repository(Fixtures.PROJECT).list(null, null, 0, 10)));
    }

    @Test
    void productionWithoutMongoUrlRefusesToStart() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> DataLayer.open(Settings.builder("svc", Mode.PROD).build(), Fixtures.REGISTRY));
        assertEquals(DataLayer.PROD_NEEDS_URL, e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> DataLayer.open(Settings.builder("svc", Mode.DEV).build(), Fixtures.REGISTRY));
    }
}
