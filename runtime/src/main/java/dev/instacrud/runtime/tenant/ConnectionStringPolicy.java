package dev.instacrud.runtime.tenant;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.ConnectionString;
import com.mongodb.MongoCredential;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What an organisation may put in its own connection string: {@code mongodb://} or {@code mongodb+srv://}, hosts
 * that {@link OrgDbHosts} allows, and only the options a tenant plausibly needs to reach its database (credentials
 * with SCRAM, TLS, the replica set, read and write concerns, retries, an application name). Everything else is a
 * 422 naming the option: mechanisms that make the driver fetch credentials from other services ({@code
 * MONGODB-OIDC}, {@code MONGODB-AWS}, {@code GSSAPI}) or send the password as it is ({@code PLAIN}), proxies,
 * TLS without verification, files on the service's disk, compressors, and the timeouts and pool sizes the service
 * sets for itself. Immutable.
 */
final class ConnectionStringPolicy {
    /** The options allowed, lower-cased (option names are case-insensitive). */
    static final Set<String> OPTIONS = Set.of(
            "authsource",
            "authmechanism",
            "tls",
            "ssl",
            "replicaset",
            "directconnection",
            "loadbalanced",
            "readpreference",
            "readpreferencetags",
            "maxstalenessseconds",
            "readconcernlevel",
            "w",
            "wtimeoutms",
            "journal",
            "retrywrites",
            "retryreads",
            "appname");

    private static final Set<AuthenticationMechanism> MECHANISMS =
            Set.of(AuthenticationMechanism.SCRAM_SHA_256, AuthenticationMechanism.SCRAM_SHA_1);
    private static final int MAX_LENGTH = 4096;

    private final OrgDbHosts hosts;

    ConnectionStringPolicy(OrgDbHosts hosts) {
        this.hosts = hosts;
    }

    /**
     * The connection string, once every part of it is allowed.
     *
     * @throws dev.instacrud.runtime.error.ApiException 422 saying what is not allowed; never repeating the URL,
     *     which may hold a password
     */
    ConnectionString check(String url) {
        if (url == null || url.length() > MAX_LENGTH) {
            throw OrgDbHosts.refused(
                    "the URL must be a MongoDB connection string of at most " + MAX_LENGTH + " characters");
        }
        if (!url.startsWith("mongodb://") && !url.startsWith("mongodb+srv://")) {
            throw OrgDbHosts.refused("the URL must start with mongodb:// or mongodb+srv://");
        }
        checkOptions(url); // before parsing: the driver acts on some options as it parses
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(url);
        } catch (IllegalArgumentException e) {
            throw OrgDbHosts.refused("the URL is not a valid MongoDB connection string");
        }
        MongoCredential credential = parsed.getCredential();
        if (credential != null
                && credential.getAuthenticationMechanism() != null
                && !MECHANISMS.contains(credential.getAuthenticationMechanism())) {
            throw OrgDbHosts.refused("authMechanism " + credential.getMechanism() + " is not allowed");
        }
        for (String host : parsed.getHosts()) {
            hosts.check(hostOf(host));
        }
        return parsed;
    }

    private static void checkOptions(String url) {
        int authority = url.indexOf("://") + 3;
        int at = url.lastIndexOf('@');
        int query = url.indexOf('?', Math.max(authority, at));
        if (query < 0) {
            return;
        }
        for (String pair : url.substring(query + 1).split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String key = decode(kv[0]);
            String value = kv.length > 1 ? decode(kv[1]) : "";
            if (!OPTIONS.contains(key.toLowerCase(Locale.ROOT))) {
                throw OrgDbHosts.refused("option '" + key + "' is not allowed in an organisation's connection string;"
                        + " allowed: authSource, authMechanism (SCRAM-SHA-256, SCRAM-SHA-1), tls, replicaSet,"
                        + " directConnection, loadBalanced, readPreference, readPreferenceTags, maxStalenessSeconds,"
                        + " readConcernLevel, w, wTimeoutMS, journal, retryWrites, retryReads, appName");
            }
            if (key.equalsIgnoreCase("authMechanism")
                    && MECHANISMS.stream().noneMatch(m -> m.getMechanismName().equalsIgnoreCase(value))) {
                throw OrgDbHosts.refused(
                        "authMechanism " + value + " is not allowed; use SCRAM-SHA-256 or SCRAM-SHA-1");
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OrgDbHosts.refused("the URL is not a valid MongoDB connection string");
        }
    }

    // "host", "host:27017", "[::1]:27017" -> the host part
    private static String hostOf(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 || hostAndPort.indexOf(':') != colon ? hostAndPort : hostAndPort.substring(0, colon);
    }
}
