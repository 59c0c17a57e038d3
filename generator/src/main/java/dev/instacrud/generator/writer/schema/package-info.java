/**
 * The data schema of a service ({@code schema.json}): the stored shape of each entity, which each organisation
 * database records so that a later version of the service knows what its documents follow and what must be migrated.
 * Built as a JSON tree with its keys sorted, so the same spec gives the same bytes.
 *
 * <p>Never: use JavaPoet or templates, or hold anything that is not about stored documents (descriptions, roles,
 * paths other than the collection).
 */
package dev.instacrud.generator.writer.schema;
