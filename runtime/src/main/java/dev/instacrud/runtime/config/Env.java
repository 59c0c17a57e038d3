package dev.instacrud.runtime.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and checks environment variables; every failure names its variable. */
final class Env {
    private final Map<String, String> vars;

    Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
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
