package dev.instacrud.runtime.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks environment variables; every failure names its variable. A secret variable ({@link
 * #isSecret}) may instead be given as {@code NAME_FILE}, the path of a file holding the value, as container
 * platforms mount secrets (Docker and Kubernetes secrets); setting both is refused.
 */
final class Env {
    /** The variables that hold secrets, besides every {@code OIDC_<NAME>_CLIENT_SECRET}. */
    static final Set<String> SECRETS = Set.of(
            "SECRET_KEY",
            "MONGO_URL",
            "ORG_DB_ENCRYPTION_KEY",
            "TURNSTILE_SECRET_KEY",
            "GOOGLE_CLIENT_SECRET",
            "MS_CLIENT_SECRET",
            "METRICS_TOKEN",
            "SMTP_URL",
            "SMTP_PASSWORD");

    /** A secret file larger than this is a mistake (a wrong path), not a secret. */
    static final int MAX_SECRET_FILE_BYTES = 64 * 1024;

    private final Map<String, String> vars;

    Env(Map<String, String> vars) {
        this.vars = Map.copyOf(withSecretFiles(vars));
    }

    /** Whether the variable holds a secret, and so may be read from {@code NAME_FILE}. */
    static boolean isSecret(String name) {
        return SECRETS.contains(name) || name.matches("OIDC_[A-Z0-9_]+_CLIENT_SECRET");
    }

    // NAME_FILE of a secret becomes NAME; NAME_FILE of any other variable is not ours to read (containers set
    // such names for their own tools), so it is left alone.
    private static Map<String, String> withSecretFiles(Map<String, String> vars) {
        Map<String, String> out = new HashMap<>(vars);
        for (Map.Entry<String, String> e : vars.entrySet()) {
            String fileVariable = e.getKey();
            if (!fileVariable.endsWith("_FILE")
                    || e.getValue() == null
                    || e.getValue().isBlank()) {
                continue;
            }
            String name = fileVariable.substring(0, fileVariable.length() - "_FILE".length());
            if (!isSecret(name)) {
                continue;
            }
            String direct = vars.get(name);
            if (direct != null && !direct.isBlank()) {
                throw new ConfigException(fileVariable, "both " + name + " and " + fileVariable + " are set; set one");
            }
            out.put(name, readSecretFile(fileVariable, e.getValue().trim()));
        }
        return out;
    }

    private static String readSecretFile(String variable, String path) {
        Path file = Path.of(path);
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(variable, "no such file: " + path);
            }
            if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                throw new ConfigException(variable, path + " is larger than " + MAX_SECRET_FILE_BYTES + " bytes");
            }
            String value = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString()
                    .trim(); // the newline an editor or `echo` leaves
            if (value.isEmpty()) {
                throw new ConfigException(variable, path + " is empty");
            }
            return value;
        } catch (CharacterCodingException e) {
            throw new ConfigException(variable, path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(
                    variable, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The trimmed value, or null when unset or blank. */
    String get(String name) {
        String value = vars.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    String get(String name, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : value;
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = get(name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "expected an integer, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    boolean bool(String name, boolean defaultValue) {
        String value = get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name, "expected true or false, got '" + value + "'");
        };
    }

    List<String> list(String name) {
        String value = get(name);
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return List.copyOf(items);
    }

    /** An absolute http(s) URL; https only in prod unless it points at loopback. */
    String url(String name, String defaultValue, Mode mode) {
        String value = get(name, defaultValue);
        if (value == null) {
            return null;
        }
        checkUrl(name, value, mode);
        return value;
    }

    static void checkUrl(String name, String value, Mode mode) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new ConfigException(name, "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException(name, "expected an absolute http(s) URL");
        }
        if (mode == Mode.PROD && scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ConfigException(name, "must use https in prod mode");
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** A header value: no CR, LF or other control characters. */
    String headerValue(String name, String defaultValue) {
        String value = vars.containsKey(name) ? vars.get(name).trim() : defaultValue;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new ConfigException(name, "must not contain control characters");
            }
        }
        return value;
    }
}
