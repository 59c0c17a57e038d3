package dev.instacrud.runtime.mail;

import dev.instacrud.runtime.config.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Sends through an SMTP server with Jakarta Mail (Eclipse Angus Mail). Encrypted as {@link SmtpSettings#tls()}
 * says: {@code STARTTLS} is required once chosen (a server that does not offer it, or a connection stripped of it,
 * fails rather than falls back to clear text), and the server's certificate and host name are checked (RFC 8314,
 * RFC 3207). Connecting, reading and writing each time out after {@link SmtpSettings#timeout()}. A fresh
 * connection per message: account mail is rare, and a pooled connection would have to be kept alive and
 * re-checked.
 */
public final class SmtpMailSender implements MailSender {
    private final SmtpSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final Clock clock;

    public SmtpMailSender(SmtpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings));
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("MAIL_FROM is not an address", e);
        }
    }

    static Properties properties(SmtpSettings settings) {
        Properties props = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", String.valueOf(settings.port()));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        props.put("mail.mime.allowutf8", "true"); // addresses in their NFKC form may hold non-ASCII letters
        switch (settings.tls()) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
                props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            }
            case TLS -> {
                props.put("mail.smtp.ssl.enable", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
                props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            }
            case NONE -> props.put("mail.smtp.starttls.enable", "false");
        }
        return props;
    }

    @Override
    public void send(Mail mail) throws MailException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date(clock.millis()));
            message.saveChanges();
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new MailException(
                    "SMTP " + settings.host() + ":" + settings.port() + " refused or failed: "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }
}
