package dev.instacrud.bench.load;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mints a bearer token on a generated service the way a client does: {@code POST /api/v1/auth/signup} for a fresh
 * account (its own organisation), then {@code POST /api/v1/auth/signin} and the {@code access_token} of the answer.
 */
final class Accounts {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Accounts() {}

    /**
     * Signs up {@code email} and signs in.
     *
     * @param prefix the API prefix, e.g. {@code /api/v1}
     * @throws IOException when either call does not succeed or no token comes back
     */
    static String mintToken(Transport transport, URI base, String prefix, String email) throws IOException {
        String password = "bench password " + email.hashCode();
        try (Transport.Connection c = transport.open(base)) {
            Transport.Response up = c.send(post(
                    prefix + "/auth/signup",
                    "{\"email\":\"" + email + "\",\"password\":\"" + password
                            + "\",\"name\":\"Bench\",\"organization\":\"Bench Ltd\"}"));
            if (up.status() != 201) {
                throw new IOException("sign-up got " + up.status() + ": " + up.body());
            }
            Transport.Response in = c.send(
                    post(prefix + "/auth/signin", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
            Matcher m = TOKEN.matcher(in.body());
            if (in.status() != 200 || !m.find()) {
                throw new IOException("sign-in got " + in.status() + ": " + in.body());
            }
            return m.group(1);
        }
    }

    private static RequestTemplate.Request post(String path, String json) {
        return new RequestTemplate("auth", "POST", path, Map.of(), json).resolve(0, List.of());
    }
}
