package dev.instacrud.runtime.context;

import dev.instacrud.runtime.GeneratedCodeApi;

/** The three roles of an organisation member. */
@GeneratedCodeApi
public enum Role {
    /** Manages the organisation: invitations, and every write. */
    ORG_ADMIN,
    /** Reads and writes entities whose {@code write} list names it. */
    USER,
    /** Reads only: every write is a 403. */
    READ_ONLY
}
