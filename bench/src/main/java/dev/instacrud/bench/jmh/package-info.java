/**
 * JMH benchmarks of generation: the whole pipeline to memory ({@link GenerationBenchmark}) and YAML parsing alone
 * ({@link YamlParseBenchmark}), and {@link JmhTable}, which prints their results per entity.
 *
 * <p>Must never: touch the disk inside a measured method, or assert a time: results are read, not asserted.
 */
package dev.instacrud.bench.jmh;
