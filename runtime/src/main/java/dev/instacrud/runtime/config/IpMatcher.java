package dev.instacrud.runtime.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address or CIDR range, parsed without DNS. Immutable. */
public final class IpMatcher {
    private final byte[] network;
    private final int prefix;

    private IpMatcher(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fc00::/7}.
     *
     * @throws IllegalArgumentException when the text is not an IP literal with an optional prefix length
     */
    public static IpMatcher parse(String text) {
        String[] parts = text.split("/", 2);
        byte[] address = literal(parts[0]);
        int prefix = address.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix");
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("bad prefix");
            }
        }
        return new IpMatcher(address, prefix);
    }

    // Only literals: a host name here would make every request depend on DNS.
    private static byte[] literal(String text) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal");
        }
    }

    /** Whether the address is inside the range (an IPv4 range never matches an IPv6 address, nor the reverse). */
    public boolean matches(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
