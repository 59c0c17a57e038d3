/**
 * The audit log: what happened to accounts ({@link AuditEvent}s of security actions: sign-up, sign-in, password
 * changes, roles, invitations...) and to documents (every create, replace, patch and delete, cascades included),
 * appended to the organisation's own {@code audit} collection by {@link AuditStore}, and read back newest first
 * through {@link AuditQuery}. {@link AuditLog} is what the account routes record through; the data layer appends
 * its entity writes itself, in the database it just wrote.
 *
 * <p>Must never: store a value of a secret field, a password, a hash, a token or a code (an event holds field names,
 * never field values); change or delete a record other than by its retention.
 *
 * <p>May use: {@code context}, {@code error}, {@code log}.
 */
package dev.instacrud.runtime.audit;
