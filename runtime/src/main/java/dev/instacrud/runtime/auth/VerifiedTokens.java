package dev.instacrud.runtime.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens {@link TokenService} has already verified, so a client's next request with the same token skips
 * the signature check and the parsing of its claims: keyed by the token's signature, each kept until the moment
 * verification would start refusing it as expired ({@code exp} plus the leeway), and found again only by the very
 * same token (compared whole, in constant time). Only a token that passed every check is ever here; what it says is
 * a pure function of the token and the time, so a hit answers exactly what verifying again would.
 *
 * <p>This is no cache of whether the token still holds: {@link BearerAuthenticator} asks {@link UserStates} on every
 * request, hit or not, so a revocation or deactivation is honoured as fast as without it. Bounded: a full cache is
 * emptied (it only costs verifying again).
 */
final class VerifiedTokens {
    static final int MAX_CACHED = 10_000;

    private record Entry(String token, TokenService.Claims claims, long validUntilMillis) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** What {@code token} was verified to say, if it was and is not yet past {@code validUntilMillis}. */
    TokenService.Claims get(String token, long nowMillis) {
        String signature = signature(token);
        if (signature == null) {
            return null;
        }
        Entry entry = entries.get(signature);
        if (entry == null || !sameToken(entry.token(), token)) {
            return null;
        }
        if (nowMillis >= entry.validUntilMillis()) {
            entries.remove(signature, entry);
            return null; // verifying again refuses it, with its reason
        }
        return entry.claims();
    }

    /** Remembers a token that has just passed verification, until {@code validUntilMillis} (exclusive). */
    void put(String token, TokenService.Claims claims, long validUntilMillis) {
        String signature = signature(token);
        if (signature == null) {
            return;
        }
        if (entries.size() >= MAX_CACHED) {
            entries.clear();
        }
        entries.put(signature, new Entry(token, claims, validUntilMillis));
    }

    int size() {
        return entries.size();
    }

    private static String signature(String token) {
        int dot = token.lastIndexOf('.');
        return dot < 0 || dot == token.length() - 1 ? null : token.substring(dot + 1);
    }

    // the whole token, not only the signature it was found by; constant time, as for any secret comparison
    private static boolean sameToken(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            diff |= a.charAt(i) ^ b.charAt(i);
        }
        return diff == 0;
    }
}
