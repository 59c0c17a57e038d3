/**
 * What changed between two specs, and what each change means for the data already stored and for the clients of the
 * API ({@code instacrud diff}, and the comparison {@code check} makes with the spec recorded at the last
 * generation): compatible, needs a data migration, breaks API clients, each at its place in the new spec. For data,
 * the classification is the runtime's ({@code DataSchema} and its changes), which refuses to start without the
 * migrations it names; a test holds the two to the same answers.
 *
 * <p>Never: read files, write anything, or emit code (proposals of migrations are a writer's: {@code
 * writer.java}).
 */
package dev.instacrud.generator.diff;
