package dev.instacrud.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A client of a running service over real HTTP. Every response it receives is checked for the security
 * headers and recorded, so tests can also assert on everything the service ever answered (no leaks).
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

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
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
      assertFalse(body.contains("Exception") || body.contains(".java") || body.contains("\tat "), where + " " + body);
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
    assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.uri() + ": " + response.body());
    return response.body().isEmpty() ? null : body(response);
  }

  static String q(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
