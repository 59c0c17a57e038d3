package dev.instacrud.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.instacrud.runtime.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 item 5, the wire: a body that cannot be read as framed (a chunk size that overflows, a body
 * shorter than its {@code Content-Length}, a chunked body cut short) is the client's 400 with a problem
 * body, logged at INFO, not a 500 with an ERROR. Raw bytes over a socket, since no HTTP client sends them.
 */
class BodyFramingTest {
    static TestServer app;
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        app = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    /** Writes the request, closes the sending half (the server sees the end of the stream), reads the answer. */
    static String exchange(String request) throws IOException {
        return exchange(request, true);
    }

    static String exchange(String request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static String post(String framing, String body) throws IOException {
        return exchange("POST /api/v1/auth/signin HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + framing + "\r\n\r\n" + body);
    }

    static boolean errorLogged() {
        synchronized (LOG) {
            return LOG.list.stream().anyMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        }
    }

    @Test
    void badlyFramedBodiesAre400sLoggedAtInfo() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "chunk size overflows", post("Transfer-Encoding: chunked", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"));
        cases.put(
                "chunk size overflows, connection left open",
                exchange(
                        "POST /api/v1/auth/signin HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n",
                        false));
        cases.put("shorter than Content-Length", post("Content-Length: 100", "{\"email\":"));
        cases.put("chunked body cut short", post("Transfer-Encoding: chunked", "40\r\n{\"email\":"));
        cases.put("chunk longer than said", post("Transfer-Encoding: chunked", "2\r\n{\"email\":\"x\"}\r\n0\r\n\r\n"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String answer = c.getValue();
            assertTrue(answer.startsWith("HTTP/1.1 400 "), c.getKey() + ": " + answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), c.getKey() + ": " + answer);
            assertTrue(answer.contains("X-Content-Type-Options: nosniff"), c.getKey() + ": " + answer);
            assertFalse(answer.contains("Exception"), c.getKey() + ": " + answer);
        }
        assertFalse(errorLogged(), "a client's broken framing was logged as an ERROR");
        assertEquals(200, app.get("/health").statusCode(), "the server is fine afterwards");
    }
}
