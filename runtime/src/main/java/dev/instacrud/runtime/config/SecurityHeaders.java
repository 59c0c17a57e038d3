package dev.instacrud.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers set on every response, errors included. Defaults follow the OWASP Secure Headers
 * Project; docs/security.md says why each value was chosen.
 *
 * @param values header name to value, in the order they are written; {@code Strict-Transport-Security}
 *     is only present in prod mode
 */
public record SecurityHeaders(Map<String, String> values) {
    /** The default Content-Security-Policy: this origin only, never framed. */
    public static final String DEFAULT_CSP = "default-src 'self'; frame-ancestors 'none'";

    public SecurityHeaders {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static SecurityHeaders from(Env env, Mode mode) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("X-Frame-Options", env.headerValue("X_FRAME_OPTIONS", "DENY"));
        values.put("X-Content-Type-Options", "nosniff");
        values.put("Content-Security-Policy", env.headerValue("CONTENT_SECURITY_POLICY", DEFAULT_CSP));
        values.put("Referrer-Policy", env.headerValue("REFERRER_POLICY", "no-referrer"));
        values.put("Cache-Control", "no-store");
        String xss = env.headerValue("X_XSS_PROTECTION", "0");
        if (!xss.equals("0") && !xss.equals("1; mode=block")) {
            throw new ConfigException("X_XSS_PROTECTION", "must be '0' or '1; mode=block'");
        }
        values.put("X-XSS-Protection", xss);
        String hsts = env.headerValue("STRICT_TRANSPORT_SECURITY", "max-age=31536000; includeSubDomains");
        if (mode == Mode.PROD && !hsts.isEmpty()) {
            values.put("Strict-Transport-Security", hsts);
        }
        return new SecurityHeaders(values);
    }
}
