/**
 * Refusals the web layer answers with problem+json (RFC 9457): {@link ApiException} carries the status, a title
 * and a detail safe to show, {@link ErrorDetail} one located problem, shaped like a Pydantic error.
 *
 * <p>Must never: put a cause, a stack trace, a secret or a class name where a client reads it; know about HTTP or
 * Jetty.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.error;
