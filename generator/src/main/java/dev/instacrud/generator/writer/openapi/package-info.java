/**
 * The OpenAPI 3.1 document of a service, built as a JSON tree (which cannot produce invalid JSON whatever the spec's
 * strings hold): every route, with the operations, statuses and paths the routes writer uses, and every entity as JSON
 * Schema with its constraints.
 *
 * <p>Never: use JavaPoet or templates, or describe a route the generated code does not serve.
 */
package dev.instacrud.generator.writer.openapi;
