package dev.instacrud.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code X-Request-ID}: chosen by the service, or kept from a trusted proxy, never from a client. */
class RequestIdTest {
    private static String id(TestServer server, String sent) throws Exception {
        return server.get("/health/live", "X-Request-ID", sent)
                .headers()
                .firstValue("X-Request-ID")
                .orElseThrow();
    }

    @Test
    void aClientCannotChooseItsRequestId() throws Exception {
        try (TestServer server = TestServer.start()) {
            String answered = id(server, "forged-id-123");
            assertNotEquals("forged-id-123", answered);
            assertTrue(answered.matches("[0-9a-f]{24}"), answered);
        }
    }

    @Test
    void aTrustedProxysRequestIdIsKeptWhenWellFormed() throws Exception {
        try (TestServer server = TestServer.start("TRUSTED_PROXIES", "127.0.0.1")) {
            assertEquals("lb-5f0c2a9e-1b3d:42", id(server, "lb-5f0c2a9e-1b3d:42"));
            assertEquals("0b7c1e8a-9d4f-4a21-b6c2-3e5f7a9d1c04", id(server, "0b7c1e8a-9d4f-4a21-b6c2-3e5f7a9d1c04"));
            for (String bad : new String[] {"has space", "x".repeat(129), "semi;colon", "quote\"d", "é"}) {
                String answered = id(server, bad);
                assertTrue(answered.matches("[0-9a-f]{24}"), bad + " -> " + answered);
            }
        }
        try (TestServer other = TestServer.start("TRUSTED_PROXIES", "10.0.0.0/8")) {
            assertNotEquals("lb-1", id(other, "lb-1"), "only the peer's own address counts");
        }
    }
}
