/**
 * The service and start-up benchmarks: a closed-loop load driver ({@link LoadDriver}) that drives a generated
 * service and the bare baseline, each in its own process ({@link ServiceProcess}), with the same workload, and
 * reports medians, the ratio secured to bare and the peak memory.
 *
 * <p>Must never: measure a service in the driver's own process, share a connection between workers, or report a
 * figure without the run it came from.
 */
package dev.instacrud.bench.load;
