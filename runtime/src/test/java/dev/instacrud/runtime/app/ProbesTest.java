package dev.instacrud.runtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /health/live} and {@code /health/ready}: readiness waits for the start-up tasks; liveness does not. */
class ProbesTest {
    private static TestServer start(InstaCrudServer.Builder builder, MongoDatabase db) throws Exception {
        return new TestServer(builder.host("127.0.0.1").build(), db);
    }

    @Test
    void readinessIsFalseUntilTheStartupTasksFinish() throws Exception {
        MongoDatabase db = TestServer.freshDatabase();
        CountDownLatch indexesMayFinish = new CountDownLatch(1);
        CountDownLatch migrationsMayFinish = new CountDownLatch(1);
        InstaCrudServer.Builder builder = InstaCrudServer.builder(RuntimeConfig.from(TestServer.env()), db)
                .startupTask("indexes", () -> indexesMayFinish.await(30, TimeUnit.SECONDS))
                .startupTask("migrations", () -> migrationsMayFinish.await(30, TimeUnit.SECONDS));
        try (TestServer server = start(builder, db)) {
            HttpResponse<String> starting = server.get("/health/ready");
            assertEquals(503, starting.statusCode());
            assertEquals(
                    "application/problem+json",
                    starting.headers().firstValue("Content-Type").orElse(""));
            assertTrue(starting.body().contains("Starting: indexes"), starting.body());
            assertEquals(200, server.get("/health/live").statusCode(), "alive while starting");
            assertEquals(200, server.get("/health").statusCode(), "/health is about the database, as before");

            indexesMayFinish.countDown();
            assertTrue(waitFor(() -> server.get("/health/ready").body().contains("Starting: migrations")));
            assertEquals(503, server.get("/health/ready").statusCode());
            assertFalse(server.server.startupTasks().done());

            migrationsMayFinish.countDown();
            assertTrue(server.server.startupTasks().await(Duration.ofSeconds(10)));
            HttpResponse<String> ready = server.get("/health/ready");
            assertEquals(200, ready.statusCode());
            assertEquals("{\"status\":\"ready\"}", ready.body());
            assertEquals("{\"status\":\"ok\"}", server.get("/health/live").body());
        }
    }

    @Test
    void aFailedStartupTaskKeepsTheServiceUnreadyAndIsReported() throws Exception {
        MongoDatabase db = TestServer.freshDatabase();
        AtomicReference<Throwable> reported = new AtomicReference<>();
        InstaCrudServer.Builder builder = InstaCrudServer.builder(RuntimeConfig.from(TestServer.env()), db)
                .startupTask("migrations", () -> {
                    throw new IllegalStateException("step 3 failed");
                })
                .startupTask("never", () -> reported.set(new AssertionError("ran after a failure")))
                .onStartupFailure(reported::set);
        try (TestServer server = start(builder, db)) {
            assertFalse(server.server.startupTasks().await(Duration.ofSeconds(10)));
            HttpResponse<String> ready = server.get("/health/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("Start-up task failed: migrations"), ready.body());
            assertFalse(ready.body().contains("step 3"), "the cause stays in the log");
            assertEquals("step 3 failed", reported.get().getMessage());
        }
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        MongoDatabase db = TestServer.freshDatabase();
        boolean[] up = {true};
        InstaCrudServer.Builder builder = InstaCrudServer.builder(RuntimeConfig.from(TestServer.env()), db)
                .healthCheck(() -> up[0]);
        try (TestServer server = start(builder, db)) {
            assertTrue(server.server.startupTasks().await(Duration.ofSeconds(10)));
            assertEquals(200, server.get("/health/ready").statusCode());
            up[0] = false;
            HttpResponse<String> down = server.get("/health/ready");
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("Database unavailable"), down.body());
            assertEquals(200, server.get("/health/live").statusCode(), "a database outage is no reason to restart");
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static boolean waitFor(Check check) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }
}
