/**
 * Account mail: a {@link Mail} is handed to a {@link MailSender}, the real SMTP client ({@link SmtpMailSender},
 * Eclipse Angus Mail) or, in dev and test without SMTP, the {@link Outbox} (the log and a bounded in-process list
 * tests can read); {@link MailQueue} sends in the background so that no answer waits for, or depends on, a mail.
 *
 * <p>Must never: send over an unencrypted connection the operator did not choose, log a link's token outside dev and
 * test, or let a failing SMTP server fail or slow a request.
 *
 * <p>May use: {@code config}, {@code log}.
 */
package dev.instacrud.runtime.mail;
