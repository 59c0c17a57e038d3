package dev.instacrud.runtime.tenant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts organisation connection strings at rest with AES-256-GCM: a fresh random 12-byte IV per
 * encryption, a 128-bit tag, and the organisation id as associated data, so a ciphertext copied to
 * another organisation's record does not decrypt. Stored as base64 of {@code IV || ciphertext+tag}.
 * Thread-safe.
 */
public final class ConnectionStringCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key exactly 32 bytes (AES-256); the caller keeps it out of logs */
    public ConnectionStringCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the connection-string key must be 32 bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Encrypts {@code plain} bound to {@code orgId}. */
    public String encrypt(String orgId, String plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(orgId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced for the same organisation.
     *
     * @throws IllegalArgumentException when the text was altered, belongs to another organisation, or
     *     was sealed with another key
     */
    public String decrypt(String orgId, String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            if (in.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("sealed connection string is too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(orgId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("sealed connection string does not authenticate");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }
}
