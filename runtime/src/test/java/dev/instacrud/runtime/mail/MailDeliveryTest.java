package dev.instacrud.runtime.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.ServerSetup;
import dev.instacrud.runtime.config.SmtpSettings;
import dev.instacrud.runtime.testing.Mailbox;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 12 item 1, the mail: a real SMTP client (Angus Mail) delivers plain UTF-8 text to a real SMTP server on
 * loopback (GreenMail), logging in when configured; chosen encryption is never given up (a server that offers no
 * STARTTLS, or presents a certificate nobody vouches for, gets nothing); the queue tries a failed message again;
 * without SMTP, the outbox keeps the messages and logs them, links whole in dev and masked otherwise.
 */
class MailDeliveryTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static SmtpSettings settings(int port, SmtpSettings.Tls tls, String user, String password) {
        return new SmtpSettings("127.0.0.1", port, user, password, tls, TIMEOUT, Mailbox.FROM);
    }

    static Mail mail(String to) {
        return new Mail(
                to, "Confirm your email address for Ünïcode", "Hello Zoë,\n\nhttps://app.example/verify?token=abc\n");
    }

    @Test
    void plainTextIsDeliveredWithTheConfiguredLogin() throws Exception {
        try (Mailbox box =
                Mailbox.start(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), "mailer", "s3cret")) {
            new SmtpMailSender(settings(box.port(), SmtpSettings.Tls.NONE, "mailer", "s3cret"), Clock.systemUTC())
                    .send(mail("zoe@example.com"));
            Mailbox.Received received = box.await(1, TIMEOUT).get(0);
            assertEquals("zoe@example.com", received.to());
            assertEquals(Mailbox.FROM, received.from());
            assertEquals("Confirm your email address for Ünïcode", received.subject());
            assertEquals(
                    "Hello Zoë,\n\nhttps://app.example/verify?token=abc",
                    received.body().strip());

            SmtpMailSender wrongLogin = new SmtpMailSender(
                    settings(box.port(), SmtpSettings.Tls.NONE, "mailer", "guess"), Clock.systemUTC());
            assertThrows(MailSender.MailException.class, () -> wrongLogin.send(mail("zoe@example.com")));
            assertEquals(1, box.all().size());
        }
    }

    @Test
    void requiredStartTlsIsNeverGivenUpForClearText() throws Exception {
        try (Mailbox box = Mailbox.start()) { // GreenMail offers no STARTTLS
            SmtpMailSender sender =
                    new SmtpMailSender(settings(box.port(), SmtpSettings.Tls.STARTTLS, null, null), Clock.systemUTC());
            assertThrows(MailSender.MailException.class, () -> sender.send(mail("clear@example.com")));
            assertEquals(List.of(), box.all());
        }
    }

    @Test
    void aCertificateNobodyVouchesForIsRefused() throws Exception {
        try (Mailbox box = Mailbox.start(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS), null, null)) {
            SmtpMailSender sender =
                    new SmtpMailSender(settings(box.port(), SmtpSettings.Tls.TLS, null, null), Clock.systemUTC());
            assertThrows(MailSender.MailException.class, () -> sender.send(mail("tls@example.com")));
            assertEquals(List.of(), box.all());
        }
    }

    @Test
    void theQueueTriesAFailedMessageAgain() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free again once closed: the first attempt finds nobody listening
        }
        SmtpMailSender sender =
                new SmtpMailSender(settings(port, SmtpSettings.Tls.NONE, null, null), Clock.systemUTC());
        try (MailQueue queue = new MailQueue(sender, 10, List.of(Duration.ofMillis(500), Duration.ofMillis(500)))) {
            queue.submit(mail("patient@example.com"));
            try (Mailbox box =
                    Mailbox.start(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), null, null)) {
                assertEquals(
                        "patient@example.com",
                        box.await(1, Duration.ofSeconds(10)).get(0).to());
                assertTrue(queue.awaitIdle(TIMEOUT));
            }
        }
    }

    @Test
    void aFullQueueDropsRatherThanGrows() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Outbox outbox = new Outbox(10, true);
        MailSender slow = mail -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            outbox.send(mail);
        };
        try (MailQueue queue = new MailQueue(slow, 3)) {
            for (int i = 0; i < 10; i++) {
                queue.submit(mail("flood" + i + "@example.com"));
            }
            release.countDown();
            assertTrue(queue.awaitIdle(TIMEOUT));
            assertEquals(3, outbox.messages().size());
        }
    }

    @Test
    void theOutboxKeepsTheNewestMessagesAndLogsLinksOnlyWhereAskedTo() {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Logger logger = (Logger) LoggerFactory.getLogger(Outbox.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(captured);
        try {
            Outbox dev = new Outbox(2, true);
            Outbox masked = new Outbox(2, false);
            String token = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4";
            Mail link =
                    new Mail("a@example.com", "Reset", "Open https://app.example/reset?token=" + token + "\nThanks");
            dev.send(link);
            masked.send(link);
            dev.send(mail("b@example.com"));
            dev.send(mail("c@example.com"));
            assertEquals(
                    List.of("b@example.com", "c@example.com"),
                    dev.messages().stream().map(Mail::to).toList());
            assertEquals(
                    "c@example.com", dev.latestTo("c@example.com").orElseThrow().to());
            String devLine = captured.list.get(0).getFormattedMessage();
            String maskedLine = captured.list.get(1).getFormattedMessage();
            assertTrue(devLine.contains(token), devLine);
            assertFalse(devLine.contains("\n"), "one line: " + devLine);
            assertFalse(maskedLine.contains(token), maskedLine);
            assertFalse(link.toString().contains(token));
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(level);
        }
    }
}
