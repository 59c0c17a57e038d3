package dev.instacrud.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Issue 15 target 4: the dummy hash that unknown-email sign-ins are checked against costs nothing at start-up, yet
 * checking against it runs bcrypt at the configured cost, as checking a real user's hash does (the timing of an
 * unknown email stays that of a wrong password, from the first sign-in on). Work is shown by what bcrypt computes,
 * never timed.
 */
class PasswordHasherTest {

    @Test
    void theDummyHashIsAWellFormedHashOfTheConfiguredCost() {
        for (int cost : new int[] {4, 10, 12, 14}) {
            String dummy = PasswordHasher.dummyHash(cost);
            assertTrue(dummy.matches("\\$2a\\$\\d\\d\\$[./0-9A-Za-z]{53}"), dummy);
            assertEquals(String.format("$2a$%02d$", cost), dummy.substring(0, 7));
        }
    }

    @Test
    void checkingAgainstTheDummyRunsBcryptAtThatCostAndNeverMatches() {
        String dummy = PasswordHasher.dummyHash(5);
        // bcrypt reads cost and salt from the stored hash: the same 29-character prefix means it ran at cost 5
        String computed = BCrypt.hashpw("not-the-password", dummy);
        assertEquals(dummy.substring(0, 29), computed.substring(0, 29));
        assertNotEquals(dummy, computed);
        assertFalse(BCrypt.checkpw("dummy-password-for-timing", dummy), "the cheap hash's password does not match");
    }

    @Test
    void eachHasherHasItsOwnSaltAndUnknownEmailsNeverMatch() {
        assertNotEquals(PasswordHasher.dummyHash(4), PasswordHasher.dummyHash(4));
        PasswordHasher hasher = new PasswordHasher(4);
        assertFalse(hasher.matches("any password at all", null));
        String real = hasher.hash("correct horse");
        assertTrue(hasher.matches("correct horse", real));
        assertFalse(hasher.needsUpgrade(real));
    }
}
