/**
 * Short-lived records that must not outlive their expiry ({@link ExpiredRecords}): TTL indexes for a real MongoDB
 * and a sweep by the service's clock for the embedded server, which has no TTL monitor.
 *
 * <p>Must never: decide validity (every reader keeps the expiry in its own query), or delete a record whose {@code
 * expiresAt} is still ahead of the clock.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.expiry;
