/**
 * The data layer: {@link DataLayer} opens the storage once; a {@link Repository} runs one entity's operations for
 * the caller bound in the request context, routed to the caller's organisation, scoped, audited, with refs checked
 * and deletes following {@code onDelete}; {@link DataLayer#auditLog()} keeps each organisation's audit log in its own
 * database.
 *
 * <p>Must never: run a query with no caller bound (it fails closed), widen a scope, or run a client filter the
 * query guard has not passed.
 *
 * <p>May use: {@code audit}, {@code config}, {@code context}, {@code error}, {@code query}, {@code store}, {@code tenant}.
 */
package dev.instacrud.runtime.data;
