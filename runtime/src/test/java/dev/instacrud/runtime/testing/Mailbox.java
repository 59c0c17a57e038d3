package dev.instacrud.runtime.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a loopback port the system picks, and the messages it received, read as the
 * recipient would: subject, body, and the one-time token of a link. A service is pointed at it with {@link #env()}.
 */
public final class Mailbox implements AutoCloseable {
    /** The sender every test service writes from. */
    public static final String FROM = "Test Service <no-reply@test.example>";

    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private final GreenMail server;

    /** One message as received. */
    public record Received(String to, String from, String subject, String body) {
        /** The token of the first link in the body ({@code ...?token=...}). */
        public String token() {
            Matcher m = TOKEN.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no link with a token in: " + body);
            }
            return m.group(1);
        }
    }

    private Mailbox(GreenMail server) {
        this.server = server;
    }

    /** Starts a plain SMTP server (no TLS, no authentication) on 127.0.0.1 and a free port. */
    public static Mailbox start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new Mailbox(server);
    }

    /** Starts a server on this setup (SMTPS, a port), with one account when {@code login} is not null. */
    public static Mailbox start(ServerSetup setup, String login, String password) {
        GreenMail server = new GreenMail(setup);
        server.start();
        if (login != null) {
            server.setUser(login, login, password);
        }
        return new Mailbox(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.getSmtp() != null
                ? server.getSmtp().getPort()
                : server.getSmtps().getPort();
    }

    /** The variables that send a service's mail here: name/value pairs. */
    public String[] env() {
        return new String[] {
            "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(port()), "SMTP_TLS", "none", "MAIL_FROM", FROM
        };
    }

    /** Every message received so far. */
    public List<Received> all() {
        List<Received> out = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            out.add(read(message));
        }
        return out;
    }

    /** Every message received so far for this address. */
    public List<Received> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** Waits until {@code count} messages in all were received, or fails. */
    public List<Received> await(int count, Duration timeout) {
        if (!server.waitForIncomingEmail(timeout.toMillis(), count)) {
            throw new AssertionError("expected " + count + " messages, got " + all().size() + ": " + all());
        }
        return all();
    }

    /** Waits for the {@code n}-th message (1 for the first) to this address, and returns it. */
    public Received awaitTo(String address, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> mine = to(address);
            if (mine.size() >= n) {
                return mine.get(n - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message " + n + " to " + address + " in " + timeout + "; got " + all());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Received read(MimeMessage message) {
        try {
            return new Received(
                    message.getRecipients(Message.RecipientType.TO)[0].toString(),
                    message.getFrom()[0].toString(),
                    message.getSubject(),
                    String.valueOf(message.getContent()).replace("\r\n", "\n"));
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
