package dev.instacrud.runtime.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.runtime.config.OidcProviderConfig;
import dev.instacrud.runtime.config.RuntimeConfig;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.data.EntityDescriptor;
import dev.instacrud.runtime.http.Route;
import dev.instacrud.runtime.http.Routes;
import java.util.List;
import java.util.Locale;

/**
 * What the admin needs to know besides the OpenAPI document, served at {@code GET /api/v1/ui}: the sign-in options
 * (registration, OAuth providers, the Turnstile site key, whether an address must be verified before signing in) and, per entity, what the document does not say: its path,
 * who sees it (scope), which roles may write it, and its refs (target, list or single, {@code onDelete}). Built once at
 * start-up from what the runtime already runs (the entity descriptors and the routes' roles), so it cannot disagree
 * with what the server enforces. Field types and constraints come from the OpenAPI document, which the browser reads
 * alongside.
 *
 * <p>Public, like the OpenAPI document: the sign-in page needs it before anyone signs in, and it holds nothing the
 * document does not already reveal but the roles and delete rules.
 *
 * <pre>{@code
 * {"service": "clinic", "auth": {"registration": "open", "oauth": ["google"], "turnstile": false,
 *                               "turnstileSiteKey": null, "emailVerification": "optional"},
 *  "orgDatabases": false,
 *  "entities": [{"name": "Patient", "path": "patients", "scope": "org", "write": ["ORG_ADMIN", "USER"],
 *                "unique": [], "refs": [{"field": "ward", "to": "Ward", "many": false, "onDelete": "restrict"}]}]}
 * }</pre>
 */
public final class UiModel {
    private UiModel() {}

    /**
     * The model of a service.
     *
     * @param service the service's name
     * @param entities what the data layer knows of each entity
     * @param routes the entity routes, whose roles say who may write
     * @param config the configuration, with the spec's floors applied (registration, Turnstile, providers, email
     *     verification)
     */
    public static ObjectNode of(String service, List<EntityDescriptor> entities, Routes routes, RuntimeConfig config) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode model = json.objectNode();
        model.put("service", service);
        ObjectNode auth = model.putObject("auth");
        auth.put("registration", config.inviteOnly() ? "invite-only" : "open");
        ArrayNode oauth = auth.putArray("oauth");
        for (OidcProviderConfig provider : config.oidcProviders()) {
            oauth.add(provider.name());
        }
        auth.put("turnstile", config.turnstileEnabled());
        auth.put("turnstileSiteKey", config.turnstileSiteKey());
        // required: a sign-up answers 202 and the new account signs in only after the mailed link is followed
        auth.put("emailVerification", config.emailVerificationRequired() ? "required" : "optional");
        model.put("orgDatabases", config.mongoUseOrgDb());
        ArrayNode list = model.putArray("entities");
        for (EntityDescriptor entity : entities) {
            String path = entity.collection().replace('_', '-'); // the collection is the path with - as _
            ObjectNode node = list.addObject();
            node.put("name", entity.name());
            node.put("path", path);
            node.put("scope", entity.scope().name().toLowerCase(Locale.ROOT));
            ArrayNode write = node.putArray("write");
            routes.all().stream()
                    .filter(r -> r.method().equals("POST") && r.template().equals("/api/v1/" + path))
                    .findFirst()
                    .map(Route::roles)
                    .ifPresent(roles -> {
                        for (Role role : Role.values()) {
                            if (roles.contains(role) && role != Role.READ_ONLY) {
                                write.add(role.name());
                            }
                        }
                    });
            ArrayNode unique = node.putArray("unique");
            entity.uniqueFields().forEach(unique::add);
            ArrayNode refs = node.putArray("refs");
            for (EntityDescriptor.Ref ref : entity.refs()) {
                refs.addObject()
                        .put("field", ref.field())
                        .put("to", ref.target())
                        .put("many", ref.many())
                        .put(
                                "onDelete",
                                ref.onDelete().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        return model;
    }
}
