/**
 * The bare baseline of the service benchmark ({@link BareService}): a Jetty 12 handler doing a generated service's
 * database operations against the same embedded store, with no protection at all, so the cost of the protections
 * can be measured.
 *
 * <p>Must never: be used as a service: it checks nothing on purpose.
 */
package dev.instacrud.bench.baseline;
