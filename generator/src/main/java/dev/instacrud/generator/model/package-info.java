/**
 * The checked model of a service: immutable records (a service, its entities, their fields and constraints) and the
 * enums of the spec language, each knowing how the spec spells it ({@link dev.instacrud.generator.model.SpecName}).
 * Built only from a spec the checker found clean, so writers may rely on every ref resolving and every constraint
 * fitting its type. Derived names that the checker and the writers must agree on live here too ({@code Names}).
 *
 * <p>Never: import YAML, Jackson, JavaPoet or FreeMarker, or any other layer of the generator. The model is plain Java
 * that every layer may read.
 */
package dev.instacrud.generator.model;
