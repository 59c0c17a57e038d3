package dev.instacrud.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.instacrud.runtime.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one normal form of an email, and what it refuses (the HTTP side is {@code http.LookAlikeEmailTest}). */
class EmailAddressTest {
    @Test
    void oneFormForWhatLooksTheSame() {
        assertEquals("ada@example.com", EmailAddress.normalize("  Ada@Example.COM \n"));
        assertEquals("ada@example.com", EmailAddress.normalize("ＡＤＡ＠ｅｘａｍｐｌｅ．ｃｏｍ"));
        assertEquals("k@example.com", EmailAddress.normalize("\u212A@example.com")); // Kelvin sign
        assertEquals("jos\u00e9@example.com", EmailAddress.normalize("jose\u0301@example.com")); // composed
        assertEquals("ada@example.com", EmailAddress.normalize("ada@example.com"), "ASCII stays as stored before");
    }

    @Test
    void hiddenCharactersAndNonAddressesAreRefused() {
        for (String bad : List.of(
                "a\u200Bda@example.com",
                "ada\u202E@example.com",
                "a\u2028da@example.com",
                "a\u00ADda@example.com",
                "a\u0000da@example.com",
                "a\uD800da@example.com",
                "a da@example.com",
                "a\u3000da@example.com", // ideographic space: NFKC makes it a space
                "ada",
                "@example.com",
                "ada@",
                "a@b@example.com",
                "<ada@example.com>",
                "a".repeat(250) + "@x.io")) {
            ApiException e = assertThrows(ApiException.class, () -> EmailAddress.normalize(bad), bad);
            assertEquals(422, e.status());
            assertEquals(List.of("body", "email"), e.errors().get(0).loc());
        }
    }

    @Test
    void namesAreHeldToTheSameCharacters() {
        assertEquals("Ada Lovelace", DisplayName.normalize("  Ada Lovelace ", "name"));
        assertEquals("Ada", DisplayName.normalize("Ａｄａ", "name"));
        for (String bad :
                List.of("Ada\u202Egnp.exe", "A\u200Dda", "Ada\nLovelace", "Acme\u2029", "  ", "x".repeat(201))) {
            ApiException e = assertThrows(ApiException.class, () -> DisplayName.normalize(bad, "organization"), bad);
            assertEquals(List.of("body", "organization"), e.errors().get(0).loc());
        }
    }
}
