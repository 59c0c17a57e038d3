package dev.instacrud.runtime.app;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.config.SpecFloors;
import dev.instacrud.runtime.data.DataLayer;
import dev.instacrud.runtime.data.DataSchema;
import dev.instacrud.runtime.data.EntityDescriptor;
import dev.instacrud.runtime.data.Migration;
import dev.instacrud.runtime.http.Routes;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a generated service is, as its spec says: its name, the auth options it requires, its tenancy, its
 * entities, the schema of its stored data and its developer's migrations, its routes and its OpenAPI document. The spec's choices are floors the environment cannot
 * lower ({@link SpecFloors}): an invite-only spec stays invite-only whatever {@code REGISTRATION} says, a
 * spec with Turnstile refuses to start without {@code TURNSTILE_SECRET_KEY}, and the built-in OAuth
 * providers (Google, Microsoft) are offered only when the spec names them ({@code GOOGLE_*} and {@code
 * MS_*} credentials are otherwise ignored), and a spec that requires email verification keeps it required. Generic
 * OIDC providers ({@code OIDC_PROVIDERS}) are the operator's explicit choice and are offered whatever the spec says; a
 * spec that turns the web admin off keeps it off. Immutable.
 */
@GeneratedCodeApi
public final class ServiceDefinition {
    /** The built-in OAuth providers a spec may name. */
    public static final Set<String> OAUTH_PROVIDERS = SpecFloors.BUILT_IN_PROVIDERS;

    private final String name;
    private final boolean inviteOnly;
    private final boolean turnstile;
    private final List<String> oauth;
    private final boolean orgDatabases;
    private final boolean emailVerificationRequired;
    private final boolean adminUi;
    private final List<EntityDescriptor> entities;
    private final URL openApi;
    private final DataSchema dataSchema;
    private final List<Migration> migrations;
    private final Function<DataLayer, Routes> routes;

    private ServiceDefinition(Builder b) {
        this.name = b.name;
        this.inviteOnly = b.inviteOnly;
        this.turnstile = b.turnstile;
        this.oauth = List.copyOf(b.oauth);
        this.orgDatabases = b.orgDatabases;
        this.emailVerificationRequired = b.emailVerificationRequired;
        this.adminUi = b.adminUi;
        this.entities = List.copyOf(b.entities);
        this.openApi = b.openApi;
        this.dataSchema = b.dataSchema == null ? null : DataSchema.read(b.dataSchema);
        this.migrations = List.copyOf(b.migrations);
        this.routes = Objects.requireNonNull(b.routes, "routes");
    }

    /** Starts a definition for the service of this name ({@code [a-z][a-z0-9-]*}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Whether sign-up needs an invitation. */
    public boolean inviteOnly() {
        return inviteOnly;
    }

    /** Whether sign-up, sign-in and invitations need a verified Turnstile token. */
    public boolean turnstile() {
        return turnstile;
    }

    /** The OAuth providers offered, by name. */
    public List<String> oauth() {
        return oauth;
    }

    /** Whether organisations may have their own MongoDB connection string. */
    public boolean orgDatabases() {
        return orgDatabases;
    }

    /** Whether an account must prove its email before it may sign in ({@code auth.emailVerification: required}). */
    public boolean emailVerificationRequired() {
        return emailVerificationRequired;
    }

    /** Whether the spec lets the service serve its web admin and API docs ({@code ADMIN_UI} can still turn them off). */
    public boolean adminUi() {
        return adminUi;
    }

    public List<EntityDescriptor> entities() {
        return entities;
    }

    /** The OpenAPI document, or null when the service has none. */
    public URL openApi() {
        return openApi;
    }

    /** The shape of the stored data, which start-up migrates each organisation's documents to; null for none. */
    public DataSchema dataSchema() {
        return dataSchema;
    }

    /** The service's migrations (its developer's), in any order. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** Builds the entity routes over the opened data layer. */
    public Routes routes(DataLayer data) {
        return routes.apply(data);
    }

    /** Collects a definition. */
    public static final class Builder {
        private final String name;
        private boolean inviteOnly;
        private boolean turnstile;
        private final List<String> oauth = new ArrayList<>();
        private boolean orgDatabases;
        private boolean emailVerificationRequired;
        private boolean adminUi = true;
        private final List<EntityDescriptor> entities = new ArrayList<>();
        private URL openApi;
        private URL dataSchema;
        private final List<Migration> migrations = new ArrayList<>();
        private Function<DataLayer, Routes> routes;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("service name must match [a-z][a-z0-9-]*: " + name);
            }
            this.name = name;
        }

        public Builder inviteOnly() {
            inviteOnly = true;
            return this;
        }

        public Builder turnstile() {
            turnstile = true;
            return this;
        }

        /** Offers sign-in with a built-in provider: {@code google} or {@code microsoft}. */
        public Builder oauth(String provider) {
            String key = provider.toLowerCase(Locale.ROOT);
            if (!OAUTH_PROVIDERS.contains(key)) {
                throw new IllegalArgumentException("unknown OAuth provider: " + provider);
            }
            oauth.add(key);
            return this;
        }

        public Builder orgDatabases() {
            orgDatabases = true;
            return this;
        }

        /** Lets only accounts that proved their email sign in, whatever {@code EMAIL_VERIFICATION} says. */
        public Builder requireEmailVerification() {
            emailVerificationRequired = true;
            return this;
        }

        /** Turns the web admin and the API docs off, whatever {@code ADMIN_UI} says. */
        public Builder withoutAdminUi() {
            adminUi = false;
            return this;
        }

        public Builder entities(EntityDescriptor... descriptors) {
            entities.addAll(List.of(descriptors));
            return this;
        }

        /** The data schema ({@code schema.json} beside the generated application class). */
        public Builder dataSchema(URL document) {
            dataSchema = document;
            return this;
        }

        /** The service's migrations ({@link Migration#installed}). */
        public Builder migrations(List<Migration> installed) {
            migrations.addAll(installed);
            return this;
        }

        public Builder openApi(URL document) {
            openApi = document;
            return this;
        }

        public Builder routes(Function<DataLayer, Routes> entityRoutes) {
            routes = entityRoutes;
            return this;
        }

        public ServiceDefinition build() {
            return new ServiceDefinition(this);
        }
    }
}
