package dev.instacrud.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where account mail (email verification, password reset, notices) is sent: an SMTP server, from {@code SMTP_URL}
 * ({@code smtp://user:password@host:587}, {@code smtps://...} for TLS from the first byte) or from {@code SMTP_HOST},
 * {@code SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD} and {@code SMTP_TLS}, never both. Connections are
 * encrypted by default ({@code STARTTLS}, required, with the server's certificate and name checked); {@code
 * SMTP_TLS=none} sends in clear and is refused in prod unless the host is loopback.
 *
 * @param host the server's host name or address
 * @param port its port
 * @param username the login, or null to send without authenticating
 * @param password the password, or null
 * @param tls how the connection is encrypted
 * @param timeout connecting, and each read and write
 * @param from the sender ({@code MAIL_FROM}), e.g. {@code Acme <no-reply@acme.example>}
 */
public record SmtpSettings(
        String host, int port, String username, String password, Tls tls, Duration timeout, String from) {
    /** How the connection to the SMTP server is encrypted. */
    public enum Tls {
        /** Plain connection upgraded with STARTTLS, which the server must offer (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465, {@code smtps://}). */
        TLS,
        /** No encryption: a relay on the same host or a test server only. */
        NONE
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(from, "from");
    }

    /** The settings of the environment, or null when no SMTP server is configured. */
    static SmtpSettings read(Env env, Mode mode) {
        String url = env.get("SMTP_URL");
        String host = env.get("SMTP_HOST");
        if (url != null && host != null) {
            throw new ConfigException("SMTP_URL", "set SMTP_URL or SMTP_HOST, not both");
        }
        if (url == null && host == null) {
            for (String other : new String[] {"SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_TLS"}) {
                if (env.get(other) != null) {
                    throw new ConfigException("SMTP_HOST", "is required when " + other + " is set");
                }
            }
            return null;
        }
        Tls tls;
        int port;
        String username;
        String password;
        if (url != null) {
            URI uri = parse(url);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            tls = scheme.equals("smtps") ? Tls.TLS : tls(env, Tls.STARTTLS);
            host = uri.getHost();
            port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(tls);
            String[] credentials = credentials(uri.getRawUserInfo());
            username = credentials[0];
            password = credentials[1];
        } else {
            tls = tls(env, Tls.STARTTLS);
            port = env.integer("SMTP_PORT", defaultPort(tls), 1, 65535);
            username = env.get("SMTP_USERNAME");
            password = env.get("SMTP_PASSWORD");
        }
        if (password != null && username == null) {
            throw new ConfigException(url != null ? "SMTP_URL" : "SMTP_USERNAME", "a password needs a user name");
        }
        if (mode == Mode.PROD && tls == Tls.NONE && !Env.isLoopback(host)) {
            throw new ConfigException(
                    "SMTP_TLS", "none is refused in prod mode unless the SMTP host is loopback (a local relay)");
        }
        Duration timeout = Duration.ofMillis(env.integer("SMTP_TIMEOUT_MS", 10_000, 500, 120_000));
        String from = env.get("MAIL_FROM");
        if (from == null) {
            throw new ConfigException("MAIL_FROM", "is required when an SMTP server is configured");
        }
        checkFrom(from);
        return new SmtpSettings(host, port, username, password, tls, timeout, from);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("SMTP_URL", "not a valid URL (expected smtp://user:password@host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps") || uri.getHost() == null) {
            throw new ConfigException("SMTP_URL", "expected smtp://[user:password@]host[:port] or smtps://...");
        }
        if ((uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ConfigException("SMTP_URL", "takes no path, query or fragment; use SMTP_TLS for the encryption");
        }
        return uri;
    }

    private static String[] credentials(String rawUserInfo) {
        if (rawUserInfo == null || rawUserInfo.isEmpty()) {
            return new String[2];
        }
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? null : rawUserInfo.substring(colon + 1);
        return new String[] {
            user.isEmpty() ? null : URLDecoder.decode(user, StandardCharsets.UTF_8),
            password == null ? null : URLDecoder.decode(password, StandardCharsets.UTF_8)
        };
    }

    private static Tls tls(Env env, Tls defaultValue) {
        String value = env.get("SMTP_TLS");
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "starttls" -> Tls.STARTTLS;
            case "tls" -> Tls.TLS;
            case "none" -> Tls.NONE;
            default -> throw new ConfigException("SMTP_TLS", "must be starttls, tls or none, got '" + value + "'");
        };
    }

    private static int defaultPort(Tls tls) {
        return switch (tls) {
            case TLS -> 465;
            case STARTTLS -> 587;
            case NONE -> 25;
        };
    }

    // "Name <address>" or a bare address; no line breaks (header injection through configuration)
    private static void checkFrom(String from) {
        for (int i = 0; i < from.length(); i++) {
            char c = from.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new ConfigException("MAIL_FROM", "must not contain control characters");
            }
        }
        String address = from.contains("<") && from.endsWith(">")
                ? from.substring(from.lastIndexOf('<') + 1, from.length() - 1)
                : from;
        int at = address.indexOf('@');
        if (at < 1 || at != address.lastIndexOf('@') || at == address.length() - 1 || address.contains(" ")) {
            throw new ConfigException("MAIL_FROM", "expected an address, or Name <address>");
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + tls + (username == null ? "" : ", user " + username) + "]";
    }
}
