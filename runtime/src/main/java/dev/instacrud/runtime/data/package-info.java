/**
 * The data layer: {@link DataLayer} opens the storage once and brings each organisation's stored documents in line
 * with the service's {@link DataSchema} ({@link Migrations}, running the developer's {@link Migration}s); a {@link
 * Repository} runs one entity's operations for the caller bound in the request context, routed to the caller's
 * organisation, scoped, audited, versioned (every write goes through {@link Writes}, which also records it in the
 * audit log), with refs checked and deletes following {@code onDelete}; {@link DataLayer#auditLog()} keeps each
 * organisation's audit log in its own database.
 *
 * <p>Must never: run a query with no caller bound (it fails closed), widen a scope, run a client filter the
 * query guard has not passed, write a document without a new version, or serve an entity's documents of a database
 * whose migration has not reached them.
 *
 * <p>May use: {@code audit}, {@code config}, {@code context}, {@code error}, {@code query}, {@code store}, {@code tenant}.
 */
package dev.instacrud.runtime.data;
