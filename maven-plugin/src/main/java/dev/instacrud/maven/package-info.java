/**
 * The Maven plugin: the goals {@code validate}, {@code generate} and {@code check} ({@link ValidateMojo}, {@link
 * GenerateMojo}, {@link CheckMojo}) over the generator's pipeline, sharing {@link SpecMojo}; {@link InputHash}
 * lets {@code generate} skip an unchanged spec.
 *
 * <p>Must never: hold state between executions (goals are safe in a parallel build), leave the output folder half
 * written, or fail a build without the {@code FILE:LINE:COL} of each problem.
 */
package dev.instacrud.maven;
