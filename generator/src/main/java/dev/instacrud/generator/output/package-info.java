/**
 * Putting generated files on disk without losing the user's work: a plan of what would change, an all-or-nothing
 * apply with a journal, ownership recorded in a manifest, and the drift check that compares a folder with what the
 * spec produces ({@link dev.instacrud.generator.output.OutputSync}).
 *
 * <p>Never: know what the files are. This package sees paths and bytes, not specs, models or writers, so the CLI,
 * the Maven plugin and {@code check} share one set of guarantees.
 */
package dev.instacrud.generator.output;
