package dev.instacrud.generator.model;

import java.util.List;
import java.util.Locale;

/**
 * The REST operations of every entity, in the order the API document lists them, with what each answers and the
 * problems it may return. The routes writer (one method per operation, its javadoc) and the OpenAPI writer (one
 * operation per path and method) both read this table, so what is served and what is documented cannot drift apart.
 *
 * <p>To add an operation: add a constant here; the compiler then asks for its code in the routes writer and its
 * description in the OpenAPI writer (both switch over every constant).
 */
public enum Operation {
    /** A page of the documents the caller may see: {@code GET /api/v1/tasks}. */
    LIST("GET", false, 200, List.of(400, 401, 429)),
    /** Stores a new document: {@code POST /api/v1/tasks}. */
    CREATE("POST", false, 201, List.of(401, 403, 409, 413, 415, 422, 429)),
    /** One document: {@code GET /api/v1/tasks/{id}}. */
    GET("GET", true, 200, List.of(400, 401, 404, 429)),
    /** Replaces every field of a document: {@code PUT /api/v1/tasks/{id}}. */
    REPLACE("PUT", true, 200, List.of(400, 401, 403, 404, 409, 413, 415, 422, 429)),
    /** Changes a document with a JSON merge patch: {@code PATCH /api/v1/tasks/{id}}. */
    PATCH("PATCH", true, 200, List.of(400, 401, 403, 404, 409, 413, 415, 422, 429)),
    /** Deletes a document: {@code DELETE /api/v1/tasks/{id}}. */
    DELETE("DELETE", true, 204, List.of(400, 401, 403, 404, 409, 429));

    private final String method;
    private final boolean onItem;
    private final int status;
    private final List<Integer> problems;

    Operation(String method, boolean onItem, int status, List<Integer> problems) {
        this.method = method;
        this.onItem = onItem;
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

    /** Whether it acts on one document ({@code /{id}}) rather than the collection. */
    public boolean onItem() {
        return onItem;
    }

    /** The path it answers on, for an entity: {@code /api/v1/tasks} or {@code /api/v1/tasks/{id}}. */
    public String path(EntityModel entity) {
        return entity.apiPath() + (onItem ? "/{id}" : "");
    }

    /** The status of success. */
    public int status() {
        return status;
    }

    /** The statuses of the problems it may answer with (RFC 9457), ascending. */
    public List<Integer> problems() {
        return problems;
    }

    /** Whether it changes data: only the entity's write roles may call it, and READ_ONLY callers never can. */
    public boolean writes() {
        return !method.equals("GET");
    }
}
