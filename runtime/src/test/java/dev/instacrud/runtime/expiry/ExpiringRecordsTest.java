package dev.instacrud.runtime.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.http.Routes;
import dev.instacrud.runtime.testing.FakeOidcProvider;
import dev.instacrud.runtime.testing.MutableClock;
import dev.instacrud.runtime.testing.OidcSignIn;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 10: OAuth states, invitations, session codes and rate-limit windows expire, but nothing
 * removed them. On a real MongoDB a TTL index on {@code expiresAt} does; the embedded server has no TTL
 * monitor, so the service also sweeps expired records itself, at start and then periodically, with its
 * own clock. The records are made over HTTP; time moves by the clock, never by sleeping.
 */
class ExpiringRecordsTest {
    static final List<String> EXPIRING = List.of("oauth_states", "invitations", "session_codes", "rate_limits");

    static FakeOidcProvider provider;
    static MutableClock clock;
    static MongoDatabase db;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeOidcProvider();
        clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        db = TestServer.freshDatabase();
        env = TestServer.env("RATE_LIMIT_STORE", "mongo");
        env.putAll(provider.env("fake"));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    /** One record of each kind, made through the API. */
    static void makeRecords(TestServer app, String email) throws Exception {
        String admin = app.signupAdmin(email); // rate-limit windows (sign-up, sign-in, API)
        HttpResponse<String> invited = app.post(
                "/api/v1/auth/invitations",
                "{\"email\":\"guest-" + email + "\",\"role\":\"USER\"}",
                "Authorization",
                admin);
        assertEquals(201, invited.statusCode(), invited.body());
        HttpResponse<String> callback =
                OidcSignIn.run(app, provider, clock, "sub-" + email, OidcSignIn.verified("oidc-" + email));
        assertEquals(302, callback.statusCode(), callback.body()); // a session code
        assertEquals(302, app.get("/api/v1/auth/oauth/fake/login").statusCode()); // a pending state
    }

    static long count(String collection) {
        return db.getCollection(collection).countDocuments();
    }

    @Test
    void expiringCollectionsHaveTtlIndexes() throws Exception {
        try (TestServer app = TestServer.start(env, new Routes(), db, clock)) {
            for (String collection : EXPIRING) {
                Document ttl = null;
                for (Document index : db.getCollection(collection).listIndexes()) {
                    if (new Document("expiresAt", 1).equals(index.get("key", Document.class))) {
                        ttl = index;
                    }
                }
                assertTrue(ttl != null, collection + " has no index on expiresAt");
                assertEquals(0, ((Number) ttl.get("expireAfterSeconds")).intValue(), collection);
            }
        }
    }

    @Test
    void expiredRecordsAreSweptAndLiveOnesKept() throws Exception {
        try (TestServer app = TestServer.start(env, new Routes(), db, clock)) {
            makeRecords(app, "old@example.com");
        }
        for (String collection : EXPIRING) {
            assertTrue(count(collection) > 0, collection + " got no record");
        }
        clock.advance(Duration.ofDays(8)); // past every expiry: invitations last 7 days

        try (TestServer app = TestServer.start(env, new Routes(), db, clock)) {
            // the restarted service swept at start: only what it made since is left
            for (String collection : EXPIRING) {
                assertEquals(0, count(collection), collection + " still holds expired records");
            }
            makeRecords(app, "new@example.com");
            Map<String, Long> live = new java.util.HashMap<>();
            for (String collection : EXPIRING) {
                live.put(collection, count(collection));
            }
            clock.advance(Duration.ofSeconds(30)); // nothing has expired yet
            try (TestServer again = TestServer.start(env, new Routes(), db, clock)) {
                for (String collection : EXPIRING) {
                    assertEquals(live.get(collection), count(collection), collection + " lost a live record");
                }
            }
        }
    }
}
