package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.log.LogSanitizer;
import dev.instacrud.runtime.mail.Mail;
import dev.instacrud.runtime.mail.MailQueue;
import dev.instacrud.runtime.ratelimit.RateLimiter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of the account lifecycle, written and queued ({@link MailQueue}, so no answer waits for them): the
 * verification link, the password reset link, the notice that a password changed, and the notice that someone tried
 * to sign up with an address that already has an account. Links are the configured templates ({@code
 * EMAIL_VERIFICATION_URL}, {@code PASSWORD_RESET_URL}) with the token in place of {@code {token}}.
 *
 * <p>Mail that anyone can cause by typing an address (verification, reset, the sign-up notice) is limited per
 * address ({@code MAIL_RATE_LIMIT}), so the service cannot be used to flood someone's mailbox; what is over the
 * limit is dropped and logged, and the request that caused it answers the same.
 */
final class AccountMail {
    private static final Logger LOG = LoggerFactory.getLogger(AccountMail.class);

    private final MailQueue queue;
    private final RateLimiter perAddress;
    private final String serviceName;
    private final String verificationUrl;
    private final String resetUrl;
    private final Duration verificationTtl;
    private final Duration resetTtl;

    AccountMail(
            MailQueue queue,
            RateLimiter perAddress,
            String serviceName,
            String verificationUrl,
            String resetUrl,
            Duration verificationTtl,
            Duration resetTtl) {
        this.queue = queue;
        this.perAddress = perAddress;
        this.serviceName = serviceName;
        this.verificationUrl = verificationUrl;
        this.resetUrl = resetUrl;
        this.verificationTtl = verificationTtl;
        this.resetTtl = resetTtl;
    }

    void verification(String email, String name, String token) {
        limited(new Mail(
                email,
                "Confirm your email address for " + serviceName,
                greeting(name)
                        + "Please confirm that this is your email address by opening this link:\n\n"
                        + link(verificationUrl, token) + "\n\n"
                        + "The link works once, for " + hours(verificationTtl) + ". If you did not sign up for "
                        + serviceName + ", you can ignore this message.\n"));
    }

    void passwordReset(String email, String name, String token) {
        limited(new Mail(
                email,
                "Reset your " + serviceName + " password",
                greeting(name)
                        + "Someone asked to reset the password of your " + serviceName + " account. To choose a new "
                        + "password, open this link:\n\n"
                        + link(resetUrl, token) + "\n\n"
                        + "The link works once, for " + minutes(resetTtl) + ". If you did not ask for it, you can "
                        + "ignore this message: your password stays as it is.\n"));
    }

    void alreadyRegistered(String email, String name) {
        limited(new Mail(
                email,
                "Your " + serviceName + " account",
                greeting(name)
                        + "Someone tried to sign up for " + serviceName + " with this address, which already has an "
                        + "account. If it was you, sign in, or reset your password if you forgot it. If it was not "
                        + "you, you can ignore this message: nothing was changed.\n"));
    }

    // not limited: only the account's owner (or someone holding a reset link) can cause it
    void passwordChanged(String email, String name) {
        queue.submit(new Mail(
                email,
                "Your " + serviceName + " password was changed",
                greeting(name)
                        + "The password of your " + serviceName + " account was just changed, and every session "
                        + "was signed out. If you did not do this, reset your password now and tell your "
                        + "organisation's administrator.\n"));
    }

    private void limited(Mail mail) {
        if (!perAddress.tryAcquire("mail:" + mail.to()).allowed()) {
            LOG.info("mail to {} not sent: MAIL_RATE_LIMIT reached for this address", LogSanitizer.value(mail.to()));
            return;
        }
        queue.submit(mail);
    }

    private static String greeting(String name) {
        return name == null || name.isBlank() ? "Hello,\n\n" : "Hello " + name + ",\n\n";
    }

    private static String link(String template, String token) {
        return template.replace("{token}", token); // base64url: nothing to escape in a URL
    }

    private static String hours(Duration ttl) {
        long hours = ttl.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }

    private static String minutes(Duration ttl) {
        long minutes = ttl.toMinutes();
        return minutes % 60 == 0 ? hours(ttl) : minutes + " minutes";
    }
}
