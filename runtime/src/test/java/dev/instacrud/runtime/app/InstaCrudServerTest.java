package dev.instacrud.runtime.app;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static dev.instacrud.runtime.testing.HttpAssertions.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** What a service adds to the composition root besides routes: a handler of its own under a path. */
class InstaCrudServerTest {
    /** A page that names the path it was asked for. */
    static final class Page extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
            byte[] body = ("page " + Request.getPathInContext(request)).getBytes(StandardCharsets.UTF_8);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }

    @Test
    void aMountedHandlerServesItsPathBehindTheRouteFreeProtections() throws Exception {
        MongoDatabase db = TestServer.freshDatabase();
        InstaCrudServer server = InstaCrudServer.builder(RuntimeConfig.from(TestServer.env()), db)
                .host("127.0.0.1")
                .mount("/admin", new Page())
                .build();
        try (TestServer app = new TestServer(server, db)) {
            for (String path : new String[] {"/admin", "/admin/", "/admin/app.js"}) {
                HttpResponse<String> page = app.get(path);
                assertEquals(200, page.statusCode(), path + " " + page.body());
                assertEquals("page " + path, page.body());
                assertSecurityHeaders(page);
                assertTrue(page.headers().firstValue("X-Request-ID").isPresent());
            }
            assertEquals(200, app.get("/health").statusCode(), "the routes still answer");
            assertProblem(app.get("/administrator"), 404);
            for (String path : new String[] {"/admin/..%2f..%2fsecret.key", "/admin/page;x", "/admin//page"}) {
                String refused = app.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertTrue(refused.startsWith("HTTP/1.1 400"), path + " -> " + refused);
                assertTrue(refused.contains("application/problem+json"), refused);
            }
        }
    }

    @Test
    void aMountPathIsOnePathOnce() {
        RuntimeConfig config = RuntimeConfig.from(TestServer.env());
        MongoDatabase db = TestServer.freshDatabase();
        assertThrows(
                IllegalArgumentException.class,
                () -> InstaCrudServer.builder(config, db)
                        .mount("/admin", new Page())
                        .mount("/admin", new Page()));
        for (String bad : new String[] {"admin", "/admin/", "/", "/a/*", "/a/../b", "/a//b"}) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> InstaCrudServer.builder(config, db)
                            .mount(bad, new Page())
                            .build(),
                    bad);
        }
    }
}
