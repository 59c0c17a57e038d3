package dev.instacrud.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.error.ApiException;
import java.util.Map;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.junit.jupiter.api.Test;

/** The matching step alone: which route a method and a decoded path reach. */
class RouteTableTest {
    private static final RouteHandler OK = request -> ApiResponse.noContent();

    private static RouteTable table() {
        Routes routes = new Routes();
        routes.get("/api/v1/tasks/{id}", OK);
        routes.get("/api/v1/tasks/search", OK);
        routes.delete("/api/v1/tasks/{id}", OK);
        routes.get("/api/v1/{kind}/{id}", OK);
        routes.get("/a/{x}/c", OK);
        routes.get("/a/b/{y}", OK);
        return new RouteTable(routes.all());
    }

    @Test
    void aLiteralSegmentBeatsAParameterWhateverTheOrder() {
        RouteTable.Match match = table().match("GET", "/api/v1/tasks/search");
        assertEquals("/api/v1/tasks/search", match.route().template());
        assertEquals(Map.of(), match.params());
        assertEquals(Map.of("id", "7"), table().match("GET", "/api/v1/tasks/7").params());
    }

    @Test
    void aTieGoesToTheRouteDeclaredFirst() {
        assertEquals("/a/{x}/c", table().match("GET", "/a/b/c").route().template());
    }

    @Test
    void aTrailingSlashReachesTheSameRouteAndAnEmptyParameterNone() {
        assertEquals(Map.of("id", "7"), table().match("GET", "/api/v1/tasks/7/").params());
        assertEquals(
                404,
                assertThrows(ApiException.class, () -> table().match("GET", "/api/v1/tasks//"))
                        .status());
    }

    @Test
    void anotherMethodIsA405NamingTheAllowedOnes() {
        ApiException e = assertThrows(ApiException.class, () -> table().match("PUT", "/api/v1/tasks/7"));
        assertEquals(405, e.status());
        assertEquals("Method not allowed; allowed: DELETE, GET", e.detail());
        assertEquals(
                404,
                assertThrows(ApiException.class, () -> table().match("GET", "/nowhere"))
                        .status());
    }

    @Test
    void aDecodedQuestionMarkStaysInsideItsSegment() {
        assertEquals(
                Map.of("id", "a?b"), table().match("GET", "/api/v1/tasks/a?b").params());
    }

    @Test
    void theTableFreezesItsRoutesAndIsNonBlockingOnlyWhenEveryRouteIs() {
        Routes routes = new Routes();
        Route route = routes.get("/x", OK).nonBlocking();
        RouteTable table = new RouteTable(routes.all());
        assertEquals(InvocationType.NON_BLOCKING, table.invocationType());
        assertTrue(assertThrows(IllegalStateException.class, route::publicRoute)
                .getMessage()
                .contains("frozen"));
        routes.get("/y", OK);
        assertEquals(InvocationType.BLOCKING, new RouteTable(routes.all()).invocationType());
    }
}
