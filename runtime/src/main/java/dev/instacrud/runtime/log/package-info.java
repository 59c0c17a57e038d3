/**
 * Logging that is safe to read: {@link LogSanitizer}, which every request-derived value passes through, and {@link
 * DefaultLogging}, the Logback default of a generated service.
 *
 * <p>Must never: let a password, a token, a code, a secret or a base64 payload reach a log; log a control
 * character that could forge a line.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.log;
