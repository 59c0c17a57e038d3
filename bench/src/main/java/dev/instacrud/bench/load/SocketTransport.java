package dev.instacrud.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@link Transport} writing HTTP/1.1 by hand over one keep-alive socket per worker: the least client work per request,
 * so the figures are the server's. Reads {@code Content-Length} and chunked bodies; reconnects when the server closes.
 */
final class SocketTransport implements Transport {

    private static final int TIMEOUT_MILLIS = 30_000;

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public Connection open(URI base) {
        return new SocketConnection(base);
    }

    private static final class SocketConnection implements Connection {
        private final URI base;
        private final String hostHeader;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        SocketConnection(URI base) {
            this.base = base;
            this.hostHeader = base.getHost() + ":" + base.getPort();
        }

        @Override
        public Response send(RequestTemplate.Request r) throws IOException {
            if (socket == null) {
                connect();
            }
            byte[] body = r.body() == null ? null : r.body().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256);
            head.append(r.method())
                    .append(' ')
                    .append(r.path())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(hostHeader)
                    .append("\r\n");
            r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read();
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        }

        private Response read() throws IOException {
            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    copy(size, body);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                copy(length, body);
            } else {
                in.transferTo(body);
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return new Response(code, body.toString(StandardCharsets.UTF_8));
        }

        private void copy(long n, ByteArrayOutputStream to) throws IOException {
            byte[] buf = new byte[8192];
            while (n > 0) {
                int k = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (k < 0) {
                    throw new EOFException("response body cut short");
                }
                to.write(buf, 0, k);
                n -= k;
            }
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }

        @Override
        public void reset() throws IOException {
            close();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                Socket s = socket;
                socket = null;
                s.close();
            }
        }
    }
}
