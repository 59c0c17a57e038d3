package dev.instacrud.runtime.http;

import static dev.instacrud.runtime.testing.HttpAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 10, encodings: JSON is UTF-8 (RFC 8259 section 8.1), but a UTF-16 or UTF-32 body was
 * quietly decoded (the parser guesses the encoding from the first bytes), so one value could reach the
 * service in several byte forms. Now any body that is not UTF-8 is a 400, a declared charset other than
 * UTF-8 a 415; a UTF-8 byte order mark is tolerated, as the RFC allows.
 */
class BodyEncodingTest {
    static final String SIGNIN = "{\"email\":\"enc@example.com\",\"password\":\"correct horse\"}";

    static TestServer app;

    @BeforeAll
    static void start() throws Exception {
        app = TestServer.start();
        app.signupAdmin("enc@example.com");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static HttpResponse<String> signin(byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/v1/auth/signin"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return app.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void bodiesThatAreNotUtf8AreRefused() throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("UTF-16 with BOM", SIGNIN.getBytes(StandardCharsets.UTF_16)); // big-endian, FE FF first
        bodies.put(
                "UTF-16LE with BOM",
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, SIGNIN.getBytes(StandardCharsets.UTF_16LE)));
        bodies.put("UTF-16BE without BOM", SIGNIN.getBytes(StandardCharsets.UTF_16BE));
        bodies.put("UTF-16LE without BOM", SIGNIN.getBytes(StandardCharsets.UTF_16LE));
        bodies.put("UTF-32BE without BOM", SIGNIN.getBytes(Charset.forName("UTF-32BE")));
        bodies.put(
                "Latin-1",
                "{\"email\":\"enc@example.com\",\"password\":\"corr\u00e9ct horse\"}"
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            HttpResponse<String> response = signin(body.getValue(), "application/json");
            assertProblem(response, 400);
            assertTrue(
                    TestServer.json(response).get("detail").asText().contains("UTF-8"),
                    body.getKey() + ": " + response.body());
        }
        assertProblem(signin(SIGNIN.getBytes(StandardCharsets.UTF_16), "application/json; charset=utf-16"), 415);
    }

    @Test
    void utf8IsRead() throws Exception {
        assertEquals(
                200,
                signin(SIGNIN.getBytes(StandardCharsets.UTF_8), "application/json")
                        .statusCode());
        assertEquals(
                200,
                signin(SIGNIN.getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-8")
                        .statusCode());
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertEquals(
                200,
                signin(concat(bom, SIGNIN.getBytes(StandardCharsets.UTF_8)), "application/json")
                        .statusCode());
    }
}
