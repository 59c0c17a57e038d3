package dev.instacrud.runtime.ratelimit;

import dev.instacrud.runtime.config.RuntimeConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds the client's IP for per-IP limits. {@code X-Forwarded-For} is believed only when the TCP peer is
 * one of {@code TRUSTED_PROXIES}; then the list is read from the right and the first address that is not
 * itself a trusted proxy is the client (entries further left are whatever the client chose to send).
 */
public final class ClientIpResolver {
    private final RuntimeConfig config;

    public ClientIpResolver(RuntimeConfig config) {
        this.config = config;
    }

    /**
     * @param peer the TCP peer's address
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     */
    public String resolve(InetAddress peer, List<String> forwardedFor) {
        if (config.trustedProxies().isEmpty() || !config.isTrustedProxy(peer) || forwardedFor.isEmpty()) {
            return peer.getHostAddress();
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(hops[i].trim());
            if (hop == null) {
                break; // garbage: stop believing the header
            }
            if (!config.isTrustedProxy(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer.getHostAddress();
    }

    private static InetAddress literal(String text) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
