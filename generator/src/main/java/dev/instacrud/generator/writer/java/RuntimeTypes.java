package dev.instacrud.generator.writer.java;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime type that generated code names, in one place (as Dagger's {@code TypeNames}). Each is marked
 * {@code @GeneratedCodeApi} in the runtime, where a change to it is a change to every generated service;
 * {@code RuntimeTypesTest} checks that each name here is a marked type that exists, and that generated code imports no
 * runtime type missing here.
 */
final class RuntimeTypes {
    private static final String APP = "dev.instacrud.runtime.app";
    private static final String HTTP = "dev.instacrud.runtime.http";
    private static final String DATA = "dev.instacrud.runtime.data";
    private static final String MAPPING = "dev.instacrud.runtime.mapping";
    private static final String VALIDATION = "dev.instacrud.runtime.validation";

    // the application: what the runtime runs
    static final ClassName SERVICE_DEFINITION = ClassName.get(APP, "ServiceDefinition");
    static final ClassName SERVICE_RUNNER = ClassName.get(APP, "ServiceRunner");
    static final ClassName HOOKS = ClassName.get(APP, "Hooks");
    static final ClassName ENTITY_HOOKS = ClassName.get(APP, "EntityHooks");
    static final ClassName LISTS = ClassName.get(APP, "Lists");

    // routes
    static final ClassName ROUTES = ClassName.get(HTTP, "Routes");
    static final ClassName API_REQUEST = ClassName.get(HTTP, "ApiRequest");
    static final ClassName API_RESPONSE = ClassName.get(HTTP, "ApiResponse");
    static final ClassName ROLE = ClassName.get("dev.instacrud.runtime.context", "Role");

    // repositories
    static final ClassName DATA_LAYER = ClassName.get(DATA, "DataLayer");
    static final ClassName ENTITY_DESCRIPTOR = ClassName.get(DATA, "EntityDescriptor");
    static final ClassName PAGE = ClassName.get(DATA, "Page");
    static final ClassName LIST_QUERY = ClassName.get(DATA, "ListQuery");
    static final ClassName REPOSITORY = ClassName.get(DATA, "Repository");
    static final ClassName FIELD_KIND = ClassName.get("dev.instacrud.runtime.query", "FieldKind");
    static final ClassName MERGE_PATCH = ClassName.get("dev.instacrud.runtime.json", "MergePatch");

    // records and mappings
    static final ClassName VIOLATIONS = ClassName.get(VALIDATION, "Violations");
    static final ClassName JSON_INPUT = ClassName.get(VALIDATION, "JsonInput");
    static final ClassName BSON_VALUES = ClassName.get(MAPPING, "BsonValues");
    static final ClassName BSON_ENUMS = ClassName.get(MAPPING, "BsonEnums");
    static final ClassName JSON_VALUES = ClassName.get(MAPPING, "JsonValues");

    // the runtime's own dependencies that its API hands to generated code
    static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
    static final ClassName OBJECT_NODE = ClassName.get("com.fasterxml.jackson.databind.node", "ObjectNode");
    static final ClassName DOCUMENT = ClassName.get("org.bson", "Document");

    private RuntimeTypes() {}
}
