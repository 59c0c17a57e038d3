package dev.instacrud.runtime.data;

import static dev.instacrud.runtime.data.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.store.EmbeddedMongo;
import dev.instacrud.runtime.tenant.ConnectionStringCipher;
import dev.instacrud.runtime.tenant.TenantRouter;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantRoutingTest {
    static final byte[] KEY = new byte[32];
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DataLayer data;
    EmbeddedMongo orgServer;

    @BeforeEach
    void open() {
        KEY[3] = 7;
        data = DataLayer.open(
                Settings.builder("svc", Mode.TEST)
                        .clock(clock)
                        .orgDbKey(KEY)
                        .idleTimeout(Duration.ofMinutes(5))
                        .selectionTimeout(Duration.ofMillis(500))
                        .build(),
                Fixtures.REGISTRY);
        orgServer = EmbeddedMongo.startInMemory(Clock.systemUTC());
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
        data.tenants().setConnectionString(broken.orgId(), "mongodb://127.0.0.1:" + closedPort);
        // a record that decrypts to something unusable (e.g. written with another key)
        data.systemDatabase()
                .getCollection(TenantRouter.ORG_DATABASES)
                .insertOne(new Document("_id", new ObjectId(garbled.orgId()))
                        .append("url", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(
                400,
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
