package dev.instacrud.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query string is as strict as the body: only declared parameters, each once. */
class QueryStringTest {
    private static TestServer start() throws Exception {
        Routes routes = new Routes();
        routes.get(
                        "/things",
                        request -> ApiResponse.ok(
                                Map.of("limit", request.queryParam("limit").orElse("-"))))
                .publicRoute()
                .queryParams("limit", "sort");
        routes.get("/plain", request -> ApiResponse.ok(Map.of("ok", true))).publicRoute();
        routes.get("/callback", request -> ApiResponse.ok(request.queryParams()))
                .publicRoute()
                .anyQueryParams();
        return TestServer.start(TestServer.env(), routes);
    }

    @Test
    void onlyDeclaredParametersAreAcceptedEachOnce() throws Exception {
        try (TestServer server = start()) {
            assertEquals(
                    "{\"limit\":\"5\"}", server.get("/things?limit=5&sort=x").body());
            HttpResponse<String> unknown = server.get("/things?limit=5&limt=6");
            assertEquals(400, unknown.statusCode());
            assertTrue(
                    unknown.body().contains("Unknown query parameter 'limt'; accepted: limit, sort"), unknown.body());
            assertTrue(unknown.body().contains("\"loc\":[\"query\",\"limt\"]"), unknown.body());
            assertTrue(unknown.body().contains("\"type\":\"extra_forbidden\""), unknown.body());
            HttpResponse<String> twice = server.get("/things?limit=5&limit=500");
            assertEquals(400, twice.statusCode());
            assertTrue(twice.body().contains("\"type\":\"duplicate\""), twice.body());
            HttpResponse<String> none = server.get("/plain?debug=true");
            assertEquals(400, none.statusCode());
            assertTrue(none.body().contains("this route takes no query parameters"), none.body());
            assertEquals(200, server.get("/plain").statusCode());
            assertEquals(400, server.get("/things?" + "x".repeat(200) + "=1").statusCode());
            assertEquals(
                    200,
                    server.get("/callback?code=1&state=2&session_state=3&iss=x").statusCode());
        }
    }
}
