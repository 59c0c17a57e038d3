package dev.instacrud.runtime.config;

import java.net.InetAddress;
import java.util.List;

/** The proxies of {@code TRUSTED_PROXIES}: IP addresses and CIDR ranges ({@link AddressRanges}). */
final class TrustedProxies {
    private final AddressRanges ranges;

    /** @throws ConfigException naming the first entry that is not an IP address or CIDR range */
    TrustedProxies(List<String> entries) {
        try {
            ranges = AddressRanges.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TRUSTED_PROXIES", e.getMessage());
        }
    }

    boolean contains(InetAddress address) {
        return ranges.contains(address);
    }
}
