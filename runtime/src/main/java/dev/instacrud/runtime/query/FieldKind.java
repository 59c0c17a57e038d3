package dev.instacrud.runtime.query;

import dev.instacrud.runtime.GeneratedCodeApi;

/** How the query guard treats one declared field of an entity. */
@GeneratedCodeApi
public enum FieldKind {
    /** Compared as given (string, number, boolean, null). */
    PLAIN,
    /** A date stored as a BSON date: ISO-8601 strings in filters become dates. */
    DATE,
    /** The id or a single ref: values become ObjectIds, a malformed one is a 400. */
    OBJECT_ID,
    /** A list of refs: element values become ObjectIds. */
    OBJECT_ID_LIST,
    /** Never filterable nor sortable (passwords, tokens, API keys). */
    SECRET;

    boolean isObjectId() {
        return this == OBJECT_ID || this == OBJECT_ID_LIST;
    }
}
