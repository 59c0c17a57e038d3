/**
 * Reading a spec: the YAML tree with the position of every key and value ({@code SpecReader}, {@code YamlNode}), the
 * language's table of keys ({@link dev.instacrud.generator.spec.SpecLanguage}), typed scalar values, the diagnostics
 * every layer reports in, and the builder that turns a clean tree into the model.
 *
 * <p>Never: judge a spec (the rules in {@code check} do), emit anything, or throw on bad input: syntax errors and
 * duplicate keys are diagnostics.
 */
package dev.instacrud.generator.spec;
