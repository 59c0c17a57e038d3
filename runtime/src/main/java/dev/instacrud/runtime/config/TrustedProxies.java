package dev.instacrud.runtime.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The proxies of {@code TRUSTED_PROXIES}: IP addresses and CIDR ranges, parsed once and matched with Jetty's
 * {@link InetAddressSet}. Only literals are read: a host name would make every request depend on DNS (Jetty
 * would look it up). A range whose address has host bits set is read as its network ({@code 10.0.0.1/8} is
 * {@code 10.0.0.0/8}), where Jetty alone would refuse it. An IPv4 address never matches an IPv6 range.
 */
final class TrustedProxies {
    private final InetAddressSet set = new InetAddressSet();

    /** @throws ConfigException naming the first entry that is not an IP address or CIDR range */
    TrustedProxies(List<String> entries) {
        for (String entry : entries) {
            try {
                set.add(network(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("TRUSTED_PROXIES", "'" + entry + "' is not an IP address or CIDR range");
            }
        }
    }

    boolean contains(InetAddress address) {
        return set.test(address);
    }

    /** The entry as Jetty reads it: a literal, or the network address of the range and its prefix. */
    private static String network(String entry) {
        String[] parts = entry.split("/", 2);
        byte[] address = literal(parts[0], entry);
        if (parts.length == 1) {
            return address(address, entry).getHostAddress();
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix in " + entry);
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix in " + entry);
        }
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return address(address, entry).getHostAddress() + "/" + prefix;
    }

    private static byte[] literal(String text, String entry) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + entry);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + entry);
        }
    }

    private static InetAddress address(byte[] bytes, String entry) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + entry);
        }
    }
}
