package dev.instacrud.runtime.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConnectionStringCipherTest {
    static final byte[] KEY = new byte[32];
    static final String ORG = "6b0bb56faf5554f0dc7ba47d";
    static final String URL = "mongodb://admin:hunter2@db.example:27017/?tls=true";

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) i;
        }
    }

    @Test
    void roundTripsWithAFreshIvEachTime() {
        ConnectionStringCipher cipher = new ConnectionStringCipher(KEY);
        String one = cipher.encrypt(ORG, URL);
        String two = cipher.encrypt(ORG, URL);
        assertNotEquals(one, two);
        assertNotEquals(
                Base64.getEncoder()
                        .encodeToString(
                                java.util.Arrays.copyOf(Base64.getDecoder().decode(one), 12)),
                Base64.getEncoder()
                        .encodeToString(
                                java.util.Arrays.copyOf(Base64.getDecoder().decode(two), 12)),
                "IVs differ");
        assertFalse(one.contains("hunter2"));
        assertEquals(URL, cipher.decrypt(ORG, one));
        assertEquals(URL, cipher.decrypt(ORG, two));
    }

    @Test
    void refusesTamperingAnotherOrganisationAndAnotherKey() {
        ConnectionStringCipher cipher = new ConnectionStringCipher(KEY);
        String sealed = cipher.encrypt(ORG, URL);
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(ORG, tampered));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("6b0bb56faf5554f0dc7ba47e", sealed));
        byte[] other = KEY.clone();
        other[0] = 99;
        assertThrows(IllegalArgumentException.class, () -> new ConnectionStringCipher(other).decrypt(ORG, sealed));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionStringCipher(new byte[16]));
    }
}
