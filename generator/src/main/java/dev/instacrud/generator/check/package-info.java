/**
 * The checker: one small rule per problem, each with a stable id shown in its messages, registered in one list in
 * {@link dev.instacrud.generator.check.Checker}. Rules read the YAML tree through a tolerant view ({@code SpecTree})
 * and the language table, and report every problem at its position; they never stop at the first.
 *
 * <p>Never: parse YAML (the reader did), build the model, emit anything, or throw on any tree, however malformed.
 */
package dev.instacrud.generator.check;
