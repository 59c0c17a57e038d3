package dev.instacrud.runtime.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The string formats of the spec language, checked the same way everywhere. */
final class Formats {
    // Pragmatic address check (what Pydantic's email-validator accepts for ordinary mail): one @, a dotted
    // domain, no spaces or control characters; the full RFC 5322 grammar admits addresses no mailer delivers.
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern OBJECT_ID = Pattern.compile("^[0-9a-fA-F]{24}$");

    private Formats() {}

    static boolean isEmail(String s) {
        return s.length() <= 254 && EMAIL.matcher(s).matches() && !s.contains("..");
    }

    static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }

    static boolean isObjectId(String s) {
        return OBJECT_ID.matcher(s).matches();
    }

    /** Absolute http or https URL with a host, at most 2083 characters (the limit Pydantic uses). */
    static boolean isUrl(String s) {
        if (s.length() > 2083) {
            return false;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.toLowerCase(Locale.ROOT).equals("http")
                            || scheme.toLowerCase(Locale.ROOT).equals("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
