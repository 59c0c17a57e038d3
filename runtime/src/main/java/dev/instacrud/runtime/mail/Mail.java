package dev.instacrud.runtime.mail;

import java.util.Objects;

/**
 * One plain-text message to one recipient.
 *
 * @param to the recipient's address, already in the account's normal form
 * @param subject one line, no control characters
 * @param text the body; links are written out in full
 */
public record Mail(String to, String subject, String text) {
    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < subject.length(); i++) {
            if (Character.isISOControl(subject.charAt(i))) {
                throw new IllegalArgumentException("control character in a subject");
            }
        }
    }

    /** Never shows the body, which may hold a one-time link. */
    @Override
    public String toString() {
        return "Mail[to=" + to + ", subject=" + subject + "]";
    }
}
