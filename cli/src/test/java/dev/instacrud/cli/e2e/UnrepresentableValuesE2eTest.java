package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.instacrud.cli.e2e.E2eService.User;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 item 5, against a generated service over HTTP: values the stored form cannot hold (a decimal
 * beyond Decimal128's 34 digits or exponent range, a non-finite double, a date outside the years
 * 0001–9999 that BSON dates are kept to) are the client's mistake, a 422 in a body and a 400 in a filter,
 * never a 500 with an ERROR in the log; values inside the ranges are stored exactly. A seeded fuzz loop
 * throws random numbers and dates at the same service.
 */
class UnrepresentableValuesE2eTest {
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    /** Reads numbers exactly, so a stored decimal is compared digit for digit. */
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static E2eService svc;
    static User user;
    static String existing;

    @BeforeAll
    static void start() throws Exception {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        svc = E2eService.start(Path.of("src", "test", "resources", "e2e", "values.yaml"), Map.of("MODE", "test"));
        user = svc.signupAdmin("values@example.com", "Values");
        existing =
                svc.create(user, "readings", "{\"label\":\"first\"}").get("id").asText();
    }

    @BeforeEach
    void forgetEarlierLogs() {
        synchronized (LOG) {
            LOG.list.clear();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        if (svc != null) {
            svc.close();
        }
    }

    static HttpResponse<String> create(String field, String json) throws Exception {
        return svc.http.json(
                "POST", "/api/v1/readings", "{\"label\":\"x\",\"" + field + "\":" + json + "}", user.auth());
    }

    static HttpResponse<String> filter(String filter) throws Exception {
        return svc.get(user, "readings?filter=" + q(filter));
    }

    static void assertRefused(int status, String field, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode errors = Http.body(response).get("errors");
        if (status == 422) {
            assertEquals(
                    "[\"body\",\"" + field + "\"]", errors.get(0).get("loc").toString(), response.body());
        }
    }

    static void assertNoErrorLogged() {
        synchronized (LOG) {
            for (ILoggingEvent event : LOG.list) {
                assertTrue(
                        !event.getLevel().isGreaterOrEqual(Level.ERROR),
                        "logged at ERROR: " + event.getFormattedMessage());
            }
        }
    }

    @Test
    void decimalsBeyondDecimal128Are422() throws Exception {
        for (String value : List.of(
                "1e7000",
                "-1e7000",
                "1e-7000",
                "1.2345678901234567890123456789012345",
                "12345678901234567890123456789012345")) {
            assertRefused(422, "amount", create("amount", value));
        }
        for (String value : List.of("1234567890123456789012345678901234", "1E+6144", "1E-6176", "-0.10", "0")) {
            HttpResponse<String> created = create("amount", value);
            assertEquals(201, created.statusCode(), created.body());
            JsonNode stored = EXACT.readTree(created.body());
            assertEquals(0, new BigDecimal(value).compareTo(stored.get("amount").decimalValue()), value);
        }
        assertNoErrorLogged();
    }

    @Test
    void doublesMustBeFinite() throws Exception {
        assertRefused(422, "ratio", create("ratio", "1e7000"));
        assertRefused(422, "ratio", create("ratio", "-1e400"));
        assertEquals(0.5, Http.expect(201, create("ratio", "0.5")).get("ratio").doubleValue());
    }

    @Test
    void datesOutsideTheYears0001To9999Are422() throws Exception {
        for (String value : List.of("+999999999-12-31", "-999999999-01-01", "0000-12-31", "+10000-01-01")) {
            assertRefused(422, "day", create("day", "\"" + value + "\""));
        }
        for (String value : List.of(
                "+999999999-12-31T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "9999-12-31T23:00:00-05:00", // year 10000 in UTC
                "0001-01-01T00:30:00+01:00", // year 0 in UTC
                "-0001-01-01T00:00:00Z")) {
            assertRefused(422, "at", create("at", "\"" + value + "\""));
        }
        assertEquals(
                "0001-01-01",
                Http.expect(201, create("day", "\"0001-01-01\"")).get("day").asText());
        assertEquals(
                "9999-12-31",
                Http.expect(201, create("day", "\"9999-12-31\"")).get("day").asText());
        assertEquals(
                "9999-12-31T23:59:59.999Z",
                Http.expect(201, create("at", "\"9999-12-31T23:59:59.999Z\""))
                        .get("at")
                        .asText());
        // a merge patch goes through the same reading
        assertRefused(
                422,
                "at",
                svc.http.send(
                        "PATCH",
                        "/api/v1/readings/" + existing,
                        "application/merge-patch+json",
                        "{\"at\":\"+999999999-12-31T00:00:00Z\"}",
                        user.auth()));
        assertNoErrorLogged();
    }

    @Test
    void filterInstantsOutsideTheYears0001To9999Are400() throws Exception {
        for (String value : List.of(
                "+1000000000-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "0000-06-01T00:00:00Z")) {
            assertRefused(400, "at", filter("{\"at\":{\"$gt\":\"" + value + "\"}}"));
            assertRefused(400, "day", filter("{\"day\":{\"$in\":[\"" + value + "\"]}}"));
        }
        Http.expect(200, filter("{\"at\":{\"$lt\":\"9999-12-31T23:59:59.999Z\"}}"));
        Http.expect(200, filter("{\"amount\":{\"$gt\":1e7000}}"));
        assertNoErrorLogged();
    }

    /** Random numbers and dates, in bodies and in filters: every answer is a 2xx, 400 or 422, never a 500. */
    @Test
    void fuzzedNumbersAndDatesAreNeverA500() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261202L);
        Random random = new Random(seed);
        Set<Integer> expected = Set.of(200, 201, 400, 422);
        for (int i = 0; i < 400; i++) {
            String number = number(random);
            String date = date(random);
            String instant = date + "T"
                    + String.format("%02d:%02d:%02d", random.nextInt(25), random.nextInt(61), random.nextInt(61))
                    + (random.nextBoolean() ? "Z" : String.format("%+03d:00", random.nextInt(37) - 18));
            String numberField = random.nextBoolean() ? "amount" : "ratio";
            List<HttpResponse<String>> answers = List.of(
                    create(numberField, number),
                    create("day", "\"" + date + "\""),
                    create("at", "\"" + instant + "\""),
                    filter("{\"amount\":{\"$gte\":" + number + "}}"),
                    filter("{\"at\":{\"$lt\":\"" + instant + "\"}}"));
            for (HttpResponse<String> answer : answers) {
                assertTrue(
                        expected.contains(answer.statusCode()),
                        "seed " + seed + ", round " + i + ": " + answer.uri() + " -> " + answer.statusCode() + " "
                                + answer.body());
            }
            if (answers.get(0).statusCode() == 201) { // what was accepted is stored as sent
                JsonNode value = EXACT.readTree(answers.get(0).body()).get(numberField);
                if (numberField.equals("amount")) {
                    assertEquals(0, new BigDecimal(number).compareTo(value.decimalValue()), number);
                } else {
                    assertTrue(Double.parseDouble(number) == value.doubleValue(), number + " read back " + value);
                }
            }
        }
        assertNoErrorLogged();
    }

    // Decimal text: random digits (1 to 60), a point somewhere, an exponent that is often far out of range.
    static String number(Random random) {
        StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
        int length = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) == 0 && length > 1) {
            digits.insert(digits.length() - random.nextInt(length - 1) - 1, '.');
        }
        int kind = random.nextInt(4);
        if (kind == 1) {
            digits.append('e').append(random.nextInt(20_001) - 10_000);
        } else if (kind == 2) {
            digits.append('E').append(random.nextBoolean() ? "+" : "-").append(random.nextInt(1_000_000_000));
        }
        return digits.toString();
    }

    // An ISO date whose year is often far outside 0001–9999, with months and days sometimes invalid.
    static String date(Random random) {
        long[] magnitudes = {1, 10, 10_000, 100_000, 1_000_000_000L};
        long year = (long) (random.nextDouble() * magnitudes[random.nextInt(magnitudes.length)])
                * (random.nextInt(5) == 0 ? -1 : 1);
        String text = year >= 0 && year <= 9999 ? String.format("%04d", year) : String.format("%+05d", year);
        return text + String.format("-%02d-%02d", random.nextInt(14), random.nextInt(33));
    }

    /**
     * Random framing over a raw socket: Content-Length right, short, long, negative, huge or not a number,
     * chunk sizes right, overflowing, negative or not hex, bodies cut anywhere, both framings at once. Every
     * answer is a status below 500 (or Jetty's own refusal of the head), and nothing is logged at ERROR.
     */
    @Test
    void fuzzedFramingIsNeverA500() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261202L);
        Random random = new Random(seed);
        java.net.URI base = java.net.URI.create(svc.service.url());
        for (int i = 0; i < 150; i++) {
            String body = "{\"label\":\"framed\",\"amount\":" + number(random) + "}";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(random.nextBoolean() ? "POST" : "PUT")
                    .append(random.nextBoolean() ? " /api/v1/readings" : " /api/v1/readings/" + existing)
                    .append(" HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n")
                    .append("Authorization: ")
                    .append(user.bearer())
                    .append("\r\nX-Forwarded-For: ")
                    .append(user.ip())
                    .append("\r\n");
            String payload;
            int framing = random.nextInt(4);
            if (framing == 0) {
                request.append("Content-Length: ")
                        .append(length(random, bytes.length))
                        .append("\r\n");
                payload = cut(random, body);
            } else if (framing == 1) {
                request.append("Transfer-Encoding: chunked\r\n");
                payload = cut(random, chunkSize(random, bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n");
            } else if (framing == 2) {
                request.append("Transfer-Encoding: chunked\r\nContent-Length: ")
                        .append(length(random, bytes.length))
                        .append("\r\n");
                payload = cut(random, chunkSize(random, bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n");
            } else {
                request.append("Content-Length: ")
                        .append(bytes.length)
                        .append("\r\nContent-Length: ")
                        .append(length(random, bytes.length))
                        .append("\r\n");
                payload = body;
            }
            String answer = raw(base, request.append("\r\n").append(payload).toString());
            String where = "seed " + seed + ", round " + i + ":\n" + request + payload + "\n-> " + answer;
            assertTrue(answer.startsWith("HTTP/1.1 "), where);
            int status = Integer.parseInt(answer.substring(9, 12));
            assertTrue(status < 500, where);
        }
        assertNoErrorLogged();
        Http.expect(200, svc.http.send("GET", "/health", null, null));
    }

    static String length(Random random, int actual) {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(actual);
            case 1 -> Integer.toString(random.nextInt(actual + 1));
            case 2 -> Integer.toString(actual + 1 + random.nextInt(100));
            case 3 -> "-" + random.nextInt(100);
            case 4 -> "99999999999999999999999";
            default -> "12ab";
        };
    }

    static String chunkSize(Random random, int actual) {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toHexString(actual);
            case 1 -> Integer.toHexString(random.nextInt(actual + 1));
            case 2 -> Integer.toHexString(actual + 1 + random.nextInt(100));
            case 3 -> "FFFFFFFFFFFFFFFFFFFF";
            case 4 -> "-1";
            default -> "zz";
        };
    }

    // The payload whole, or cut at a random place (the client then stops sending).
    static String cut(Random random, String payload) {
        return random.nextBoolean() ? payload : payload.substring(0, random.nextInt(payload.length() + 1));
    }

    // Writes a request, closes the sending half so the server sees the stream end, and reads the answer.
    static String raw(java.net.URI base, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
