package dev.instacrud.runtime.data;

import dev.instacrud.runtime.config.Mode;
import dev.instacrud.runtime.query.QueryLimits;
import dev.instacrud.runtime.tenant.TenantPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the data layer needs from configuration; the web half's configuration reads the environment and
 * builds this. Immutable; start from {@link #builder(String, Mode)}.
 *
 * @param serviceName prefix of every database name (1–30 characters)
 * @param mode the run mode; {@code PROD} requires {@code mongoUrl}
 * @param mongoUrl the MongoDB connection string, or {@code null} for the embedded server
 * @param dataDir where the embedded server keeps its file ({@code null} only in {@code TEST}: memory)
 * @param orgDbKey the 32-byte AES key of per-organisation connection strings, or {@code null} to turn
 *     org-db mode off
 * @param idleTimeout how long an organisation's own client stays open unused
 * @param selectionTimeout how long the service's own client waits for an unreachable server before a 503
 * @param tenantPolicy where organisations' own databases may be, their timeouts and limits
 * @param clock time source of audit fields and idle checks
 * @param queryLimits bounds of client filters
 * @param maxPageSize the largest {@code limit} of a list
 * @param maxOffset the largest {@code offset} of a list
 * @param auditRetention how long audit records are kept; zero keeps them for ever
 * @param cursorKey the key list cursors are signed with (at least 32 bytes); the same on every instance, so a
 *     cursor from one is good on another
 */
public record Settings(
        String serviceName,
        Mode mode,
        String mongoUrl,
        Path dataDir,
        byte[] orgDbKey,
        Duration idleTimeout,
        Duration selectionTimeout,
        TenantPolicy tenantPolicy,
        Clock clock,
        QueryLimits queryLimits,
        int maxPageSize,
        int maxOffset,
        Duration auditRetention,
        byte[] cursorKey) {
    public Settings {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(selectionTimeout, "selectionTimeout");
        Objects.requireNonNull(tenantPolicy, "tenantPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(queryLimits, "queryLimits");
        Objects.requireNonNull(auditRetention, "auditRetention");
        orgDbKey = orgDbKey == null ? null : orgDbKey.clone();
        if (cursorKey == null || cursorKey.length < 32) {
            throw new IllegalArgumentException("cursorKey must be at least 32 bytes");
        }
        cursorKey = cursorKey.clone();
    }

    @Override
    public byte[] cursorKey() {
        return cursorKey.clone();
    }

    /** Defaults: no URL, no data directory, org-db off, idle 10 min, selection 5 s, {@link TenantPolicy#DEFAULT}, UTC system clock,
     * {@link QueryLimits#DEFAULT}, pages of at most 100, offsets up to 100,000, audit records kept 365 days. */
    public static Builder builder(String serviceName, Mode mode) {
        return new Builder(serviceName, mode);
    }

    @Override
    public String toString() {
        // never print the URL (it may hold a password) nor the key
        return "Settings[service=" + serviceName + ", mode=" + mode + ", embedded=" + (mongoUrl == null) + ", dataDir="
                + dataDir + ", orgDb=" + (orgDbKey != null) + "]";
    }

    /** Builds {@link Settings}. */
    public static final class Builder {
        private final String serviceName;
        private final Mode mode;
        private String mongoUrl;
        private Path dataDir;
        private byte[] orgDbKey;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration selectionTimeout = Duration.ofSeconds(5);
        private TenantPolicy tenantPolicy = TenantPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private QueryLimits queryLimits = QueryLimits.DEFAULT;
        private int maxPageSize = 100;
        private int maxOffset = 100_000;
        private Duration auditRetention = Duration.ofDays(365);
        private byte[] cursorKey;

        private Builder(String serviceName, Mode mode) {
            this.serviceName = serviceName;
            this.mode = mode;
        }

        /** The MongoDB URL; {@code null} (the default) for the embedded server. */
        public Builder mongoUrl(String value) {
            this.mongoUrl = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** The embedded server's data directory. */
        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        /** Turns org-db mode on with this 32-byte AES key. */
        public Builder orgDbKey(byte[] value) {
            this.orgDbKey = value;
            return this;
        }

        /** Idle period after which an organisation's own client is closed. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** Server selection timeout of the service's own client. */
        public Builder selectionTimeout(Duration value) {
            this.selectionTimeout = value;
            return this;
        }

        /** Where organisations' own databases may be, their timeouts and limits. */
        public Builder tenantPolicy(TenantPolicy value) {
            this.tenantPolicy = value;
            return this;
        }

        /** The time source. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Filter bounds. */
        public Builder queryLimits(QueryLimits value) {
            this.queryLimits = value;
            return this;
        }

        /** Largest page size. */
        public Builder maxPageSize(int value) {
            this.maxPageSize = value;
            return this;
        }

        /** How long audit records are kept; zero keeps them for ever. */
        public Builder auditRetention(Duration value) {
            this.auditRetention = value;
            return this;
        }

        /** The key list cursors are signed with; a random one by default (cursors then last this process only). */
        public Builder cursorKey(byte[] value) {
            this.cursorKey = value;
            return this;
        }

        /** The settings. */
        public Settings build() {
            return new Settings(
                    serviceName,
                    mode,
                    mongoUrl,
                    dataDir,
                    orgDbKey,
                    idleTimeout,
                    selectionTimeout,
                    tenantPolicy,
                    clock,
                    queryLimits,
                    maxPageSize,
                    maxOffset,
                    auditRetention,
                    cursorKey != null ? cursorKey : randomKey());
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }
}
