/**
 * The Java sources of a service, written with JavaPoet: one writer per emitted file (the record, the input record,
 * the mapping, the hooks, the repository and the routes of each entity, and the application), the names they share
 * ({@code EntityNames}), and every runtime type that generated code names, in one place ({@code RuntimeTypes}, each
 * marked {@code @GeneratedCodeApi} in the runtime).
 *
 * <p>Never: use FreeMarker or string concatenation for code ({@code $T}, {@code $S}, {@code $N} always), name a
 * runtime type outside {@code RuntimeTypes}, read the spec, or emit a timestamp or anything else that would make the
 * same spec give different bytes.
 */
package dev.instacrud.generator.writer.java;
