package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.instacrud.cli.e2e.E2eService.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 3 and 4: what one member can learn about another member's private ({@code scope: user})
 * documents, over HTTP against the generated {@code library} service on the embedded MongoDB. A member's
 * unique values only ever collide with their own, and deleting a shared book answers the same whether or not
 * other members' private loans and bookmarks point at it.
 */
class PrivateDataE2eTest {
    static E2eService svc;
    static User ada;
    static User bob;

    @BeforeAll
    static void start() throws Exception {
        svc = E2eService.start(Path.of("src", "test", "resources", "e2e", "library.yaml"), Map.of());
        ada = svc.signupAdmin("ada@library.example.com", "Library");
        bob = svc.invite(ada, "bob@library.example.com", "USER");
    }

    @AfterAll
    static void stop() throws Exception {
        if (svc != null) {
            svc.close();
        }
    }

    @Test
    void uniqueValuesOfPrivateDocumentsOnlyCollideWithTheCallersOwn() throws Exception {
        svc.create(ada, "loans", "{\"code\":\"LN-1\"}");
        // Bob cannot tell that Ada holds LN-1: he gets it as he would get a value nobody holds
        svc.create(bob, "loans", "{\"code\":\"LN-1\"}");
        svc.create(bob, "loans", "{\"code\":\"LN-fresh\"}");

        // each member's own duplicates are still refused, naming the field
        for (User member : new User[] {ada, bob}) {
            JsonNode conflict =
                    expect(409, svc.http.json("POST", "/api/v1/loans", "{\"code\":\"LN-1\"}", member.auth()));
            assertEquals("body", conflict.get("errors").get(0).get("loc").get(0).asText());
            assertEquals("code", conflict.get("errors").get(0).get("loc").get(1).asText());
        }

        // updates follow the same rule
        String bobs = svc.create(bob, "loans", "{\"code\":\"LN-2\"}").get("id").asText();
        svc.create(ada, "loans", "{\"code\":\"LN-3\"}");
        expect(200, svc.http.json("PUT", "/api/v1/loans/" + bobs, "{\"code\":\"LN-3\"}", bob.auth()));
        expect(409, svc.http.json("PUT", "/api/v1/loans/" + bobs, "{\"code\":\"LN-fresh\"}", bob.auth()));
        expect(
                409,
                svc.http.send(
                        "PATCH",
                        "/api/v1/loans/" + bobs,
                        "application/merge-patch+json",
                        "{\"code\":\"LN-1\"}",
                        bob.auth()));

        // documents without the value never collide, not even a member's own
        svc.create(bob, "loans", "{}");
        svc.create(bob, "loans", "{}");
    }

    @Test
    void deletingASharedBookAnswersTheSameWhoeverPointsAtIt() throws Exception {
        String pointedAt =
                svc.create(ada, "books", "{\"title\":\"Pointed at\"}").get("id").asText();
        String alone =
                svc.create(ada, "books", "{\"title\":\"Alone\"}").get("id").asText();
        String loan = svc.create(bob, "loans", "{\"code\":\"B-7\",\"book\":\"" + pointedAt + "\"}")
                .get("id")
                .asText();
        String bookmark = svc.create(bob, "bookmarks", "{\"book\":\"" + pointedAt + "\",\"label\":\"mine\"}")
                .get("id")
                .asText();

        HttpResponse<String> first = svc.http.send("DELETE", "/api/v1/books/" + pointedAt, null, null, ada.auth());
        HttpResponse<String> second = svc.http.send("DELETE", "/api/v1/books/" + alone, null, null, ada.auth());
        assertEquals(204, first.statusCode(), first.body());
        assertEquals(answer(second), answer(first));

        // what onDelete says happened to Bob's private documents
        assertTrue(expect(200, svc.get(bob, "loans/" + loan)).get("book").isNull(), "set-null cleared the loan's book");
        expect(404, svc.get(bob, "bookmarks/" + bookmark));
    }

    /** Everything of a response but its request id and date. */
    static String answer(HttpResponse<String> response) {
        Map<String, Object> parts = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!Set.of("x-request-id", "date").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                parts.put(name.toLowerCase(java.util.Locale.ROOT), values);
            }
        });
        parts.put(":status", response.statusCode());
        parts.put(":body", response.body());
        return parts.toString();
    }
}
