package dev.instacrud.runtime.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.runtime.http.Route;
import dev.instacrud.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document a service serves at {@code /api/v1/openapi.json}: the generated document (the service's
 * entities) merged with the description of the routes the runtime owns ({@code runtime-openapi.json} beside this
 * class: accounts, sessions, passwords, email proof, members, invitations, the audit log, OIDC, health, the
 * organisation database). The runtime describes its own routes, so a runtime upgrade brings their description
 * without regenerating; and only what is actually served is described: an operation of the runtime's description
 * whose route is not in the server's table (the audit log without a data layer, the organisation database outside
 * org-db tenancy, OIDC without a provider) is left out.
 *
 * <p>The runtime's description wins over the generated document: paths it owns replace those of a document generated
 * by an earlier version (which described a few account routes itself), and its schemas replace those of the same name
 * ({@code Problem}); its own schemas are named {@code Account.*}, {@code Audit.*}, ... which no entity can be named.
 * Two operations with one {@code operationId} stop the start.
 */
final class OpenApiDocument {
    /** Routes a service serves that are not part of its API description. */
    static final Set<String> UNDESCRIBED = Set.of("GET /api/v1/openapi.json", "GET /api/v1/ui", "GET /");

    private static final String RESOURCE = "runtime-openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final List<String> LEGACY_SCHEMAS = List.of("Signup", "Signin");
    private static final String OAUTH_PREFIX = "/api/v1/auth/oauth/{provider}/";

    private OpenApiDocument() {}

    /**
     * The served document.
     *
     * @param generated the generated document, or null for one holding only the runtime's routes
     * @param served every route of the server's table
     * @param oauthProviders the OIDC providers configured, by name
     */
    static ObjectNode served(JsonNode generated, Collection<Route> served, Collection<String> oauthProviders) {
        ObjectNode runtime = runtimeDescription();
        ObjectNode doc = generated == null ? skeleton() : (ObjectNode) generated.deepCopy();
        Set<String> routes = new HashSet<>();
        for (Route route : served) {
            routes.add(route.method() + " " + route.template());
        }
        ObjectNode paths = object(doc, "paths");
        ObjectNode runtimePaths = (ObjectNode) runtime.get("paths");
        runtimePaths.fieldNames().forEachRemaining(paths::remove);
        for (Iterator<Map.Entry<String, JsonNode>> it = runtimePaths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            ObjectNode item = (ObjectNode) path.getValue();
            if (path.getKey().startsWith(OAUTH_PREFIX)) {
                if (oauthProviders.isEmpty()) {
                    continue;
                }
                ArrayNode names = (ArrayNode) item.at("/parameters/0/schema/enum");
                oauthProviders.stream().sorted().forEach(names::add);
            }
            List<String> notServed = new ArrayList<>();
            item.fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)
                        && !routes.contains(method.toUpperCase(Locale.ROOT) + " " + path.getKey())) {
                    notServed.add(method);
                }
            });
            item.remove(notServed);
            if (hasOperation(item)) {
                paths.set(path.getKey(), item);
            }
        }
        ObjectNode components = object(doc, "components");
        for (String section : List.of("schemas", "responses", "securitySchemes")) {
            object(components, section).setAll((ObjectNode) runtime.at("/components/" + section));
        }
        String text = doc.toString();
        for (String legacy : LEGACY_SCHEMAS) {
            if (!text.contains("\"#/components/schemas/" + legacy + "\"")) {
                object(components, "schemas").remove(legacy);
            }
        }
        requireUniqueOperationIds(paths);
        return doc;
    }

    /** The runtime's own description, as shipped in its jar. */
    static ObjectNode runtimeDescription() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runtime jar");
            }
            return (ObjectNode) Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode skeleton() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "InstaCRUD service").put("version", "1.0.0");
        doc.putArray("security").addObject().putArray("bearerAuth");
        return doc;
    }

    private static boolean hasOperation(ObjectNode item) {
        for (String method : METHODS) {
            if (item.has(method)) {
                return true;
            }
        }
        return false;
    }

    private static void requireUniqueOperationIds(ObjectNode paths) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        paths.forEach(item -> METHODS.forEach(method -> {
            JsonNode id = item.path(method).path("operationId");
            if (id.isTextual() && !seen.add(id.textValue())) {
                twice.add(id.textValue());
            }
        }));
        if (!twice.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document names operations twice: " + twice);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ObjectNode object ? object : parent.putObject(field);
    }
}
