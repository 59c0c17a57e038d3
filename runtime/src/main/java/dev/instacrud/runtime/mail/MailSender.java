package dev.instacrud.runtime.mail;

/** Delivers one message now; blocking, so callers go through {@link MailQueue}. */
@FunctionalInterface
public interface MailSender {
    /**
     * @throws MailException when the message could not be handed over (the server refused it, or could not be
     *     reached); the queue tries again
     */
    void send(Mail mail) throws MailException;

    /** A message could not be delivered. */
    final class MailException extends Exception {
        private static final long serialVersionUID = 1L;

        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
