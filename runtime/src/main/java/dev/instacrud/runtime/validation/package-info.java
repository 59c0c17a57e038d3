/**
 * Strict reading and checking of request values for generated code: {@link JsonInput}, {@link Violations} (every
 * broken rule at once), {@link Formats} and the 422 {@link ValidationException}.
 *
 * <p>Must never: coerce a value, or stop at the first problem.
 *
 * <p>May use: {@code error}, {@code mapping} (what the store can hold, checked where values enter).
 */
package dev.instacrud.runtime.validation;
