package dev.instacrud.runtime.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * IP addresses and CIDR ranges, parsed once and matched with Jetty's {@link InetAddressSet}: the trusted proxies,
 * the organisation-database allowlist and the address classes it refuses. Only literals are read: a host name would
 * make every match depend on DNS (Jetty would look it up). A range whose address has host bits set is read as its
 * network ({@code 10.0.0.1/8} is {@code 10.0.0.0/8}), where Jetty alone would refuse it. An IPv4 address never
 * matches an IPv6 range, nor the reverse. Immutable once built.
 */
public final class AddressRanges {
    private final InetAddressSet set = new InetAddressSet();

    private AddressRanges() {}

    /**
     * Reads {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fc00::/7} entries.
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR range
     */
    public static AddressRanges parse(List<String> entries) {
        AddressRanges ranges = new AddressRanges();
        for (String entry : entries) {
            ranges.set.add(network(entry));
        }
        return ranges;
    }

    /** Whether there is no range at all. */
    public boolean isEmpty() {
        return set.isEmpty();
    }

    /** Whether one of the ranges holds the address. */
    public boolean contains(InetAddress address) {
        return set.test(address);
    }

    /** The entry as Jetty reads it: a literal, or the network address of the range and its prefix. */
    private static String network(String entry) {
        String[] parts = entry.split("/", 2);
        byte[] address = parts[0].matches("[0-9a-fA-F:.]+") ? literalOrNull(parts[0]) : null;
        if (address == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
        }
        if (parts.length == 1) {
            return address(address).getHostAddress();
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("'" + entry + "' has a bad prefix length");
        }
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return address(address).getHostAddress() + "/" + prefix;
    }

    private static byte[] literalOrNull(String text) {
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four or sixteen bytes always make an address
        }
    }
}
