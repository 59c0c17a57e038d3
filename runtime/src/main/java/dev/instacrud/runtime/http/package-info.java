/**
 * The web layer on Jetty 12: {@link ApiServer} and its handler chain (security headers, request id, request
 * metrics, graceful shutdown, CORS, traversal refusal, then the router's steps: matching, authentication, roles, rate limit, body, context binding),
 * and the API routes are written with ({@link Routes}, {@link ApiRequest}, {@link ApiResponse}, {@link
 * QueryParams}).
 *
 * <p>Must never: choose what fills it (users, tokens, limiters: the composition root hands them in), answer an
 * error other than as problem+json, or show a client a cause or a stack trace.
 *
 * <p>May use: {@code config}, {@code context}, {@code error}, {@code json}, {@code log}, {@code metrics},
 * {@code ratelimit}.
 */
package dev.instacrud.runtime.http;
