/**
 * The generator's API: {@link dev.instacrud.generator.Instacrud}, the one entry point that the command line, the
 * Maven plugin and CI call, and {@link dev.instacrud.generator.SpecResult}, what loading a spec gives. A spec goes
 * read ({@code spec}) → check ({@code check}) → model ({@code model}) → write ({@code writer.*}) → output ({@code
 * output}); only this package sees the whole pipeline.
 *
 * <p>Never: emit code here (that is a writer's job), or let another package import this one; outside users get no
 * type that {@code Instacrud} does not hand out ({@code LayeringTest} holds both).
 */
package dev.instacrud.generator;
