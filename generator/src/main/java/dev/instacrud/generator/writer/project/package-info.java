/**
 * The files of a project made by {@code instacrud new}: its pom, README (with curl examples whose bodies pass the
 * spec's rules) and .gitignore, rendered from the FreeMarker templates in {@code templates/new/}, each template with
 * one typed data object.
 *
 * <p>Never: write generated sources (the Maven plugin does, at build time) or use JavaPoet; a template never gets a
 * missing value as an empty string.
 */
package dev.instacrud.generator.writer.project;
