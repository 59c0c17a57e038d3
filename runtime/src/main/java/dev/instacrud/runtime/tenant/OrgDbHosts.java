package dev.instacrud.runtime.tenant;

import com.mongodb.spi.dns.InetAddressResolver;
import dev.instacrud.runtime.config.AddressRanges;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where an organisation's own database may be: the operator's allowlist ({@code ORG_DB_ALLOWED_HOSTS}) of host
 * names ({@code db.example.com}), domain suffixes ({@code .mongodb.net}: hosts under the domain) and IP
 * addresses or CIDR ranges ({@code 10.20.0.0/16}). Empty, the default, allows nothing.
 *
 * <p>A host is allowed when its name matches a name or suffix, or when it is an IP literal inside a range. Then
 * every address it resolves to must be a public one unless a range covers it: loopback, private, link-local (the
 * cloud metadata services live there), carrier-grade NAT, unique-local, multicast, reserved and unspecified
 * addresses, and IPv6 forms that embed one of them, are refused. The same check runs when a URL is registered
 * and on every connection the driver opens, since tenant clients resolve through {@link #lookupByName}: a name
 * that later resolves elsewhere (DNS rebinding), a replica-set member the server advertises, or a host found
 * through a {@code mongodb+srv} record gets no further than the URL itself would. Immutable.
 */
public final class OrgDbHosts implements InetAddressResolver {
    /** Allows no host: org-db tenancy then accepts no connection string. */
    public static final OrgDbHosts NONE = new OrgDbHosts(Set.of(), List.of(), AddressRanges.parse(List.of()));

    // Addresses that are not on the public internet, by what the refusal calls them.
    private static final Map<String, AddressRanges> SPECIAL = Map.of(
            "loopback", ranges("127.0.0.0/8", "::1/128"),
            "unspecified", ranges("0.0.0.0/8", "::/128"),
            "private",
                    ranges("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fec0::/10"),
            "link-local", ranges("169.254.0.0/16", "fe80::/10"),
            "reserved", ranges("192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4"),
            "multicast", ranges("224.0.0.0/4", "ff00::/8"));

    private final Set<String> names;
    private final List<String> suffixes;
    private final AddressRanges ranges;

    private OrgDbHosts(Set<String> names, List<String> suffixes, AddressRanges ranges) {
        this.names = names;
        this.suffixes = suffixes;
        this.ranges = ranges;
    }

    /**
     * Reads the allowlist.
     *
     * @throws IllegalArgumentException naming an entry that is neither a host name, a {@code .suffix}, nor an IP
     *     address or range
     */
    public static OrgDbHosts parse(List<String> entries) {
        Set<String> names = new HashSet<>();
        List<String> suffixes = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (isLiteral(entry.split("/", 2)[0])) {
                ranges.add(entry);
            } else if (entry.startsWith(".") && isName(entry.substring(1)) && entry.length() > 1) {
                suffixes.add(entry);
            } else if (isName(entry)) {
                names.add(entry);
            } else {
                throw new IllegalArgumentException(
                        "'" + raw + "' is not a host name, a .domain suffix, or an IP address or CIDR range");
            }
        }
        return new OrgDbHosts(Set.copyOf(names), List.copyOf(suffixes), AddressRanges.parse(ranges));
    }

    /** Whether nothing is allowed. */
    public boolean isEmpty() {
        return names.isEmpty() && suffixes.isEmpty() && ranges.isEmpty();
    }

    /**
     * The addresses of an allowed host.
     *
     * @throws ApiException 422 saying why the host is refused; the sentence names the host (the caller wrote it)
     *     and the kind of address, never an address a name resolved to
     */
    public List<InetAddress> check(String host) {
        String name = normalise(host);
        if (isLiteral(name)) {
            InetAddress address = literal(name);
            if (!ranges.contains(address)) {
                throw refused("host '" + host + "' is not in ORG_DB_ALLOWED_HOSTS");
            }
            return List.of(address);
        }
        if (!isName(name) || !(names.contains(name) || suffixes.stream().anyMatch(name::endsWith))) {
            throw refused("host '" + host + "' is not in ORG_DB_ALLOWED_HOSTS");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw refused("host '" + host + "' cannot be resolved");
        }
        for (InetAddress address : addresses) {
            String kind = kind(address);
            if (kind != null && !ranges.contains(address)) {
                throw refused("host '" + host + "' resolves to a " + kind
                        + " address, which ORG_DB_ALLOWED_HOSTS does not allow");
            }
        }
        return List.of(addresses);
    }

    /** The driver's resolver for tenant clients: {@link #check} on every connection. */
    @Override
    public List<InetAddress> lookupByName(String host) throws UnknownHostException {
        try {
            return check(host);
        } catch (ApiException e) {
            throw new UnknownHostException(e.detail());
        }
    }

    /** What kind of non-public address this is, or {@code null} for a public one. */
    static String kind(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            return kind(embedded);
        }
        for (Map.Entry<String, AddressRanges> e : SPECIAL.entrySet()) {
            if (e.getValue().contains(address)) {
                return e.getKey();
            }
        }
        return address.getAddress().length == 4 && address.getAddress()[0] == (byte) 255 ? "reserved" : null;
    }

    // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses reach an IPv4 address.
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        try {
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
            boolean zeroes = true;
            for (int i = 0; i < 12; i++) {
                zeroes &= b[i] == 0;
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
            for (int i = 4; i < 12 && nat64; i++) {
                nat64 = b[i] == 0;
            }
            boolean compatible = zeroes && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
            return nat64 || compatible ? InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)) : null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    // The literal forms the JDK accepts without DNS: IPv6 (with a colon) and 1 to 4 dotted decimal parts.
    private static boolean isLiteral(String host) {
        return host.contains(":") ? host.matches("[0-9a-f:.]+") : host.matches("[0-9]+(\\.[0-9]+){0,3}");
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw refused("host '" + host + "' is not a valid address");
        }
    }

    private static boolean isName(String host) {
        return host.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
                && !host.endsWith(".sock");
    }

    private static AddressRanges ranges(String... ranges) {
        return AddressRanges.parse(List.of(ranges));
    }

    static ApiException refused(String detail) {
        return new ApiException(
                422, "Unprocessable Content", detail, List.of(ErrorDetail.of(detail, "org_database", "body", "url")));
    }
}
