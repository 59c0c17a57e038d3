/**
 * Synthetic specs of any number of entities ({@link SyntheticSpec}), valid by construction, with the field mix of
 * the samples, for the generation and service benchmarks.
 *
 * <p>Must never: write a spec the checker would refuse, or depend on chance (the same N gives the same spec).
 */
package dev.instacrud.bench.spec;
