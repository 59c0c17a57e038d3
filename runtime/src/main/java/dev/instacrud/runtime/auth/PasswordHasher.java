package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing with Spring Security's {@link DelegatingPasswordEncoder}: new hashes are {@code
 * {bcrypt}} at the configured cost (12 by default), and {@link #needsUpgrade} says when a stored hash has
 * a lower cost or an older scheme so sign-in can re-hash it. Lengths are checked in bytes before any
 * hashing (8 to 72: bcrypt silently ignores what follows byte 72), and {@link #burnDummy} verifies
 * against a fixed hash of the same cost so an unknown email costs as much as a wrong password (OWASP
 * Authentication Cheat Sheet, "Authentication and error messages").
 *
 * <p>That dummy hash costs nothing at start-up: verifying against a bcrypt hash costs what its cost field says,
 * whatever the hash is of, so it is a cheap cost-4 hash with the configured cost written into it. Checking a
 * password against it runs the full configured cost (and never matches), from the first unknown-email sign-in on.
 */
public final class PasswordHasher {
    /** The shortest password accepted, in UTF-8 bytes. */
    public static final int MIN_BYTES = 8;
    /** bcrypt's limit, in UTF-8 bytes. */
    public static final int MAX_BYTES = 72;

    private static final int CHEAP_COST = 4;

    private final PasswordEncoder encoder;
    private final String dummyHash;

    public PasswordHasher(int cost) {
        DelegatingPasswordEncoder delegating =
                new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
        // hashes stored without an {id} prefix are plain bcrypt (what most other systems write)
        delegating.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder(cost));
        this.encoder = delegating;
        this.dummyHash = "{bcrypt}" + dummyHash(cost);
    }

    /**
     * A well-formed bcrypt hash (a random salt) with {@code cost} in its cost field, made without paying that cost:
     * verifying a password against it costs a full hash at {@code cost}.
     */
    static String dummyHash(int cost) {
        String cheap = BCrypt.hashpw("dummy-password-for-timing", BCrypt.gensalt(CHEAP_COST));
        // $2a$04$ + 22 characters of salt + 31 of hash
        return cheap.substring(0, 4) + String.format(Locale.ROOT, "%02d", cost) + cheap.substring(6);
    }

    /**
     * Checks a new password's length in bytes.
     *
     * @throws ApiException 422 with {@code loc ["body","password"]}
     */
    public static void checkLength(String password) {
        checkLength(password, "password");
    }

    /**
     * Checks a new password's length in bytes.
     *
     * @param field the body field it came from, for the error's {@code loc}
     * @throws ApiException 422 with {@code loc ["body", field]}
     */
    public static void checkLength(String password, String field) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            throw ApiException.validation(java.util.List.of(ErrorDetail.of(
                    "Password must be at least " + MIN_BYTES + " bytes", "string_too_short", "body", field)));
        }
        if (bytes > MAX_BYTES) {
            throw ApiException.validation(java.util.List.of(ErrorDetail.of(
                    "Password must be at most " + MAX_BYTES + " bytes", "string_too_long", "body", field)));
        }
    }

    /** Hashes a new password after checking its length. */
    public String hash(String password) {
        checkLength(password);
        return encoder.encode(password);
    }

    /** Whether the password matches; a password outside 8..72 bytes never matches (and costs the same). */
    public boolean matches(String password, String storedHash) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES || bytes > MAX_BYTES || storedHash == null) {
            burnDummy();
            return false;
        }
        try {
            return encoder.matches(password, storedHash);
        } catch (IllegalArgumentException e) {
            return false; // a stored hash of an unknown scheme: fail closed
        }
    }

    /** Whether the stored hash should be replaced by a fresh one (lower cost or older scheme). */
    public boolean needsUpgrade(String storedHash) {
        try {
            return encoder.upgradeEncoding(storedHash);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Spends the time of one verification, for unknown emails. */
    public void burnDummy() {
        encoder.matches("not-the-password", dummyHash);
    }
}
