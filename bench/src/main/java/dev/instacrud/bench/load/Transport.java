package dev.instacrud.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;

/**
 * How the load driver talks HTTP: each worker opens one {@link Connection} and sends its requests over it, one at a
 * time (a closed loop with keep-alive).
 */
public interface Transport {

    /** Opens one client connection (or a client bound to one) to {@code base}. */
    Connection open(URI base) throws IOException;

    /** The name shown in reports. */
    String name();

    /** One keep-alive connection used by one worker thread. */
    interface Connection extends Closeable {

        /** Sends the request and reads the whole response. */
        Response send(RequestTemplate.Request request) throws IOException;

        /** Drops the underlying connection after a failure; the next {@link #send} reconnects. */
        void reset() throws IOException;
    }

    /** A response: status and body text. */
    record Response(int status, String body) {}

    /** The transport named {@code socket} (raw HTTP/1.1 over a socket) or {@code jdk} (java.net.http.HttpClient). */
    static Transport named(String name) {
        return switch (name) {
            case "socket" -> new SocketTransport();
            case "jdk" -> new JdkTransport();
            default -> throw new IllegalArgumentException("unknown transport " + name + " (socket or jdk)");
        };
    }
}
