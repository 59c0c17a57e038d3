/**
 * The writers, one subpackage per kind of output: {@code java} (the service's sources, with JavaPoet), {@code
 * openapi} (the OpenAPI document, as a JSON tree), {@code schema} (the data schema the runtime migrates stored
 * documents by, as a JSON tree) and {@code project} (the files of {@code instacrud new}, from FreeMarker templates). Each takes a checked model and returns its files in memory; the caller decides where they go.
 *
 * <p>Never: re-read or re-check the spec (writers assert, they do not report), write to disk, or reach into a sibling
 * writer: what two writers must agree on belongs to the model.
 */
package dev.instacrud.generator.writer;
