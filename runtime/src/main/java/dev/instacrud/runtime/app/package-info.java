/**
 * The composition root of a generated service: {@link ServiceRunner} (its {@code main}), {@link ServiceDefinition}
 * (what its spec says), {@link InstaCrudServer} (what fills the web layer, and where a service adds routes or
 * handlers of its own), {@link Hooks} and {@link RunningService}.
 *
 * <p>Must never: be used by another runtime package, or hold a protection of its own (each lives in its package).
 *
 * <p>May use: every other runtime package: it is the composition root.
 */
package dev.instacrud.runtime.app;
