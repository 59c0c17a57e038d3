/**
 * Who is calling: the {@link CurrentUser} and its {@link Role}, and {@link RequestContext}, which binds the caller
 * and the request id to the serving thread for one request.
 *
 * <p>Must never: fall back to any tenant when nothing is bound ({@code requireUser} throws), or let a binding
 * outlive its request.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.context;
