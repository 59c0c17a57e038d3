package dev.instacrud.generator.model;

import java.util.List;
import java.util.Locale;

/**
 * The REST operations of every entity, in the order the API document lists them, with what each answers and the
 * problems it may return. The routes writer (one method per operation, its javadoc) and the OpenAPI writer (one
 * operation per path and method) both read this table, so what is served and what is documented cannot drift apart.
 *
 * <p>To add an operation: add a constant here; the compiler then asks for its code in the routes writer and its
 * description in the OpenAPI writer (both switch over every constant), and {@code GeneratedRoutesTest} checks that
 * what is served is what is documented.
 */
public enum Operation {
    /** A page of the documents the caller may see: {@code GET /api/v1/tasks}. */
    LIST("GET", "", false, 200, List.of(400, 401, 429)),
    /** Stores a new document: {@code POST /api/v1/tasks}. */
    CREATE("POST", "", true, 201, List.of(401, 403, 409, 413, 415, 422, 429)),
    /** One document, or 304 when {@code If-None-Match} names its version: {@code GET /api/v1/tasks/{id}}. */
    GET("GET", "/{id}", false, 200, List.of(400, 401, 404, 429)),
    /** Replaces every field of a document: {@code PUT /api/v1/tasks/{id}}, with {@code If-Match}. */
    REPLACE("PUT", "/{id}", true, 200, List.of(400, 401, 403, 404, 409, 412, 413, 415, 422, 429)),
    /** Changes a document with a JSON merge patch: {@code PATCH /api/v1/tasks/{id}}, with {@code If-Match}. */
    PATCH("PATCH", "/{id}", true, 200, List.of(400, 401, 403, 404, 409, 412, 413, 415, 422, 429)),
    /** Deletes a document: {@code DELETE /api/v1/tasks/{id}}, with {@code If-Match}. */
    DELETE("DELETE", "/{id}", true, 204, List.of(400, 401, 403, 404, 409, 412, 429));

    private final String method;
    private final String suffix;
    private final boolean writes;
    private final int status;
    private final List<Integer> problems;

    Operation(String method, String suffix, boolean writes, int status, List<Integer> problems) {
        this.method = method;
        this.suffix = suffix;
        this.writes = writes;
        this.status = status;
        this.problems = problems;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** The operation's name in code: the routes' method and the start of the OpenAPI operation id. */
    public String javaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What follows the entity's collection path: nothing, {@code /{id}}, or a sub-resource. */
    public String suffix() {
        return suffix;
    }

    /** The path it answers on, for an entity: {@code /api/v1/tasks} or {@code /api/v1/tasks/{id}}. */
    public String path(EntityModel entity) {
        return entity.apiPath() + suffix;
    }

    /**
     * Whether it changes data: only the entity's write roles may call it, and READ_ONLY callers never can. (A POST
     * that only reads, like a search with a body, does not write.)
     */
    public boolean writes() {
        return writes;
    }

    /** The status of success. */
    public int status() {
        return status;
    }

    /** Whether it changes one existing document, so takes {@code If-Match} (a stale version is a 412). */
    public boolean conditional() {
        return problems.contains(412);
    }

    /** Whether it reads one document, so takes {@code If-None-Match} (the current version is a 304). */
    public boolean cacheable() {
        return this == GET;
    }

    /**
     * The statuses of the problems it may answer with for this entity (RFC 9457), ascending: with {@code ifMatch:
     * required}, a conditional write without {@code If-Match} is also a 428.
     */
    public List<Integer> problems(EntityModel entity) {
        if (!conditional() || entity.ifMatch() != IfMatch.REQUIRED) {
            return problems;
        }
        List<Integer> all = new java.util.ArrayList<>(problems);
        all.add(428);
        all.sort(null);
        return List.copyOf(all);
    }
}
