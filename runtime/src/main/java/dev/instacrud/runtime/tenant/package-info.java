/**
 * Where an organisation's data lives: {@link TenantRouter} (a database per organisation named from its id alone;
 * in org-db mode, its own cluster) and {@link ConnectionStringCipher} (connection strings AES-256-GCM encrypted at
 * rest).
 *
 * <p>Must never: derive a database name from client input, or return or log a connection string.
 *
 * <p>May use: {@code config}, {@code error}, {@code query}.
 */
package dev.instacrud.runtime.tenant;
