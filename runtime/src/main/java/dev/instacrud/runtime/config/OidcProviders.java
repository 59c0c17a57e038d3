package dev.instacrud.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the OIDC provider list: Microsoft and Google (when the spec offers them), and generic {@code
 * OIDC_<NAME>_*} providers.
 */
final class OidcProviders {
    private OidcProviders() {}

    /**
     * @param builtIns the built-in providers whose variables are read; another's are ignored, however set
     */
    static List<OidcProviderConfig> read(Env env, Mode mode, Set<String> builtIns) {
        List<OidcProviderConfig> providers = new ArrayList<>();
        String msId = builtIns.contains("microsoft") ? env.get("MS_CLIENT_ID") : null;
        if (msId != null) {
            String secret = require(env, "MS_CLIENT_SECRET", "MS_CLIENT_ID is set");
            String tenant = require(env, "MS_TENANT_ID", "MS_CLIENT_ID is set");
            if (!tenant.matches("[A-Za-z0-9.-]+") || tenant.equals("common") || tenant.equals("organizations")) {
                throw new ConfigException(
                        "MS_TENANT_ID", "must be one tenant id or domain (the issuer is checked exactly)");
            }
            String base = "https://login.microsoftonline.com/" + tenant;
            providers.add(new OidcProviderConfig(
                    "microsoft",
                    base + "/v2.0",
                    base + "/oauth2/v2.0/authorize",
                    base + "/oauth2/v2.0/token",
                    base + "/discovery/v2.0/keys",
                    msId,
                    secret,
                    "openid email profile"));
        }
        String googleId = builtIns.contains("google") ? env.get("GOOGLE_CLIENT_ID") : null;
        if (googleId != null) {
            String secret = require(env, "GOOGLE_CLIENT_SECRET", "GOOGLE_CLIENT_ID is set");
            providers.add(new OidcProviderConfig(
                    "google",
                    "https://accounts.google.com",
                    "https://accounts.google.com/o/oauth2/v2/auth",
                    "https://oauth2.googleapis.com/token",
                    "https://www.googleapis.com/oauth2/v3/certs",
                    googleId,
                    secret,
                    "openid email profile"));
        }
        for (String raw : env.list("OIDC_PROVIDERS")) {
            String name = raw.toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new ConfigException("OIDC_PROVIDERS", "'" + raw + "' must be a short lower-case name");
            }
            if (providers.stream().anyMatch(p -> p.name().equals(name))) {
                throw new ConfigException("OIDC_PROVIDERS", "'" + name + "' is configured twice");
            }
            String prefix = "OIDC_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            String why = "OIDC_PROVIDERS names " + name;
            providers.add(new OidcProviderConfig(
                    name,
                    require(env, prefix + "ISSUER", why),
                    url(env, prefix + "AUTHORIZE_URL", why, mode),
                    url(env, prefix + "TOKEN_URL", why, mode),
                    url(env, prefix + "JWKS_URL", why, mode),
                    require(env, prefix + "CLIENT_ID", why),
                    require(env, prefix + "CLIENT_SECRET", why),
                    env.get(prefix + "SCOPES", "openid email profile")));
        }
        return List.copyOf(providers);
    }

    private static String require(Env env, String name, String why) {
        String value = env.get(name);
        if (value == null) {
            throw new ConfigException(name, "is required because " + why);
        }
        return value;
    }

    private static String url(Env env, String name, String why, Mode mode) {
        require(env, name, why);
        return env.url(name, null, mode);
    }
}
