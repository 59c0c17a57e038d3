package dev.instacrud.generator.spec;

import java.util.List;

/**
 * Every key the spec language knows, by section, in documentation order. The checker's unknown-key rule
 * and the JSON Schema sync test both read these lists, so the parser and the schema cannot drift apart.
 */
public final class SpecKeys {

    /** Keys at the top of the file. */
    public static final List<String> TOP = List.of("service", "auth", "tenancy", "admin", "entities");
    /** Keys of {@code service}. */
    public static final List<String> SERVICE = List.of("name", "package", "description");
    /** Keys of {@code auth}. */
    public static final List<String> AUTH = List.of("registration", "oauth", "turnstile");
    /** Keys of an entity. */
    public static final List<String> ENTITY = List.of("scope", "path", "write", "display", "description", "fields");
    /** Keys of a field. */
    public static final List<String> FIELD = List.of(
            "type",
            "to",
            "of",
            "values",
            "fields",
            "required",
            "default",
            "minLength",
            "maxLength",
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minItems",
            "maxItems",
            "uniqueItems",
            "unique",
            "secret",
            "onDelete",
            "description");

    /** Field names the runtime owns. */
    public static final List<String> RESERVED_FIELDS =
            List.of("id", "createdAt", "createdBy", "updatedAt", "updatedBy", "userId", "orgId");

    /** {@code auth.registration} values. */
    public static final List<String> REGISTRATIONS = List.of("open", "invite-only");
    /** {@code auth.oauth} values. */
    public static final List<String> OAUTH_PROVIDERS = List.of("google", "microsoft");
    /** {@code tenancy} values. */
    public static final List<String> TENANCIES = List.of("database-per-org", "org-db");
    /** Entity {@code scope} values. */
    public static final List<String> SCOPES = List.of("org", "user");
    /** Field {@code onDelete} values. */
    public static final List<String> ON_DELETE = List.of("restrict", "cascade", "set-null");
    /** Roles {@code write} may name. */
    public static final List<String> ROLES = List.of("ORG_ADMIN", "USER", "READ_ONLY");

    private SpecKeys() {}
}
