package dev.instacrud.runtime.app;

import dev.instacrud.runtime.GeneratedCodeApi;
import dev.instacrud.runtime.data.ListQuery;

/**
 * Custom logic around the reads and writes of one entity. Each entity's generated {@code <Entity>Hooks} interface extends this
 * with the entity's record and input types and adds nothing; a class of the user's implements the methods it needs
 * and is found with {@link Hooks#load}. Every method is a no-op by default, so a service without hooks needs no code.
 *
 * <p>A hook refuses a write by throwing an {@link dev.instacrud.runtime.error.ApiException}; the client gets its
 * status and message. A hook runs inside the request, on the caller's behalf and with the caller's scope; {@code
 * RequestContext.requireUser()} names the caller (its role, to hide a field from READ_ONLY members, say).
 *
 * @param <T> the record a client reads ({@code Patient})
 * @param <I> the validated input a client writes ({@code PatientInput})
 */
@GeneratedCodeApi
public interface EntityHooks<T, I> {

    /** Runs before a document is created; returns what to store. */
    default I beforeCreate(I input) {
        return input;
    }

    /** Runs after a document was created. */
    default void afterCreate(T created) {}

    /** Runs before a replace or a patch is stored (a patch arrives merged and checked); returns what to store. */
    default I beforeUpdate(String id, I input) {
        return input;
    }

    /** Runs after a replace or a patch was stored. */
    default void afterUpdate(T updated) {}

    /** Runs before a document is deleted, after the caller's access to it was checked. */
    default void beforeDelete(String id) {}

    /** Runs after a document was deleted, with its delete policies applied. */
    default void afterDelete(String id) {}

    /**
     * Runs before a list is read; returns the query to run, for example with a filter of the service's own that
     * every listed document must also match: {@code query.and(Filters.eq("archived", false))}. The client's
     * filter, search and paging are in the query; the caller's scope is applied after this, whatever it returns.
     */
    default ListQuery beforeList(ListQuery query) {
        return query;
    }

    /**
     * Runs on every document before a client reads it: a get, each item of a list, and the answers of a create,
     * a replace and a patch; returns what the client gets (the stored document is unchanged), for example a copy
     * with a field cleared for a role that must not see it.
     */
    default T afterRead(T record) {
        return record;
    }
}
