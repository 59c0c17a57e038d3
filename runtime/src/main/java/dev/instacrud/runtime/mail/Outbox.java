package dev.instacrud.runtime.mail;

import dev.instacrud.runtime.log.LogSanitizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where account mail goes in dev and test when no SMTP server is configured: each message is logged (at INFO,
 * on one line) and kept in a bounded in-process list, newest last, which tests and tools can read. In dev and test
 * the log shows links whole, so a developer can follow them; with {@code revealLinks} off, tokens and codes in the
 * text are masked like everywhere else in the log. Prod never uses it: without SMTP it refuses to start.
 */
public final class Outbox implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final int capacity;
    private final boolean revealLinks;
    private final Deque<Mail> messages = new ArrayDeque<>();

    /**
     * @param capacity how many messages are kept; older ones are dropped
     * @param revealLinks whether the log shows one-time links whole
     */
    public Outbox(int capacity, boolean revealLinks) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.revealLinks = revealLinks;
    }

    @Override
    public void send(Mail mail) {
        synchronized (messages) {
            if (messages.size() == capacity) {
                messages.removeFirst();
            }
            messages.addLast(mail);
        }
        String text = revealLinks ? LogSanitizer.escape(mail.text()) : LogSanitizer.text(mail.text());
        LOG.info(
                "mail (no SMTP server configured) to {}: {}: {}",
                LogSanitizer.value(mail.to()),
                LogSanitizer.escape(mail.subject()),
                text);
    }

    /** Every message kept, oldest first. */
    public List<Mail> messages() {
        synchronized (messages) {
            return List.copyOf(new ArrayList<>(messages));
        }
    }

    /** The newest message to this address, if any is kept. */
    public Optional<Mail> latestTo(String address) {
        synchronized (messages) {
            var it = messages.descendingIterator();
            while (it.hasNext()) {
                Mail mail = it.next();
                if (mail.to().equals(address)) {
                    return Optional.of(mail);
                }
            }
            return Optional.empty();
        }
    }
}
