/**
 * What a service counts and measures, in the Prometheus text format: {@link ServiceMetrics} holds one registry
 * per service with the HTTP, rate-limit, authentication, MongoDB, tenant-client and JVM metrics, and renders
 * it for {@code /metrics}; {@link MongoCommandMetrics} times the driver's commands.
 *
 * <p>Must never: use a value a client chooses, or one per user, organisation or document (a user id, an email,
 * an organisation id, a path parameter, a database name), as a label: every label value comes from a fixed set
 * (route templates, methods, statuses, enum reasons, command names), so the number of series stays bounded.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.metrics;
