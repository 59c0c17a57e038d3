package dev.instacrud.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * A client of a running service over real HTTP. Every response it receives is checked for the security
 * headers and recorded, so tests can also assert on everything the service ever answered (no leaks).
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Everything any service answered in this JVM: status and body. */
    static final List<HttpResponse<String>> SEEN = Collections.synchronizedList(new ArrayList<>());

    private final String base;

    Http(String base) {
        this.base = base;
    }

    /** One request; {@code headers} are name/value pairs; a null body sends none. */
    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        SEEN.add(response);
        assertSecurityHeaders(response);
        return response;
    }

    /**
     * A JSON request that declares {@code declaredLength} bytes and sends none of them, over a raw socket: a server
     * that refuses by the declared length (413) answers at once, where a client still writing a large body could
     * see a broken pipe instead of the answer. The answer is checked and recorded like every other.
     */
    HttpResponse<String> declaredLengthOnly(String method, String path, long declaredLength, String... headers)
            throws Exception {
        URI uri = URI.create(base + path);
        StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + " HTTP/1.1\r\n")
                .append("Host: ")
                .append(uri.getHost())
                .append(':')
                .append(uri.getPort())
                .append("\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ")
                .append(declaredLength)
                .append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        String raw;
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            fields.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response =
                new RawResponse(status, request, HttpHeaders.of(fields, (a, b) -> true), raw.substring(end + 4));
        SEEN.add(response);
        assertSecurityHeaders(response);
        return response;
    }

    private record RawResponse(int statusCode, HttpRequest request, HttpHeaders headers, String body)
            implements HttpResponse<String> {
        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    HttpResponse<String> json(String method, String path, String body, String... headers) throws Exception {
        return send(method, path, "application/json", body, headers);
    }

    static void assertSecurityHeaders(HttpResponse<String> response) {
        String where = response.request().method() + " " + response.uri() + " -> " + response.statusCode();
        assertEquals("DENY", header(response, "X-Frame-Options"), where);
        assertEquals("nosniff", header(response, "X-Content-Type-Options"), where);
        assertEquals("default-src 'self'; frame-ancestors 'none'", header(response, "Content-Security-Policy"), where);
        assertEquals("no-referrer", header(response, "Referrer-Policy"), where);
        assertEquals("no-store", header(response, "Cache-Control"), where);
        assertEquals("0", header(response, "X-XSS-Protection"), where);
        assertFalse(response.headers().firstValue("Server").isPresent(), where);
        if (response.statusCode() >= 400) {
            assertTrue(header(response, "Content-Type").startsWith("application/problem+json"), where);
            String body = response.body();
            assertFalse(
                    body.contains("Exception") || body.contains(".java") || body.contains("\tat "), where + " " + body);
        }
    }

    static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("<missing " + name + ">");
    }

    static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static JsonNode expect(int status, HttpResponse<String> response) {
        assertEquals(
                status,
                response.statusCode(),
                () -> response.request().method() + " " + response.uri() + ": " + response.body());
        return response.body().isEmpty() ? null : body(response);
    }

    static String q(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
