package dev.instacrud.cli.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP peer on a loopback port, standing for a tenant's database as the service sees it: a recorder that counts
 * every connection and byte (and never answers), or a proxy to a real MongoDB-protocol server that can be turned
 * into a black hole (connections accepted, bytes swallowed, nothing ever answered) and back.
 */
final class LoopbackPeer implements AutoCloseable {
    private final ServerSocket server;
    private final Integer target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean blackHole;

    private LoopbackPeer(Integer target, boolean blackHole) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.blackHole = blackHole;
        Thread acceptor = new Thread(this::accept, "loopback-peer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts, counts and never answers. */
    static LoopbackPeer recorder() throws IOException {
        return new LoopbackPeer(null, true);
    }

    /** Forwards to the server on {@code port} until {@link #blackHole(boolean)} says otherwise. */
    static LoopbackPeer proxy(int port) throws IOException {
        return new LoopbackPeer(port, false);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** From now on nothing is forwarded either way, on open connections and new ones alike. */
    void blackHole(boolean on) {
        blackHole = on;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                sockets.add(client);
                Socket upstream = null;
                if (target != null) {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(upstream);
                }
                pump(client, upstream);
                if (upstream != null) {
                    pump(upstream, client);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = from.getInputStream()) {
                        OutputStream out = to == null ? null : to.getOutputStream();
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            bytes.addAndGet(n);
                            if (!blackHole && out != null) {
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                        }
                    } catch (IOException ignored) {
                        // a side closed
                    }
                },
                "loopback-peer-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
