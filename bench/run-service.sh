#!/usr/bin/env bash
# Service benchmark: the generated service of the synthetic spec (N = 5; see prepare-service.sh) against the bare
# Jetty baseline, each its own process with MODE=test and the same JVM flags (JAVA_FLAGS, default
# "-Xmx128m -XX:+UseSerialGC"), driven alternately at concurrency 1, 8, 32: GET by id, list with an allowlisted
# filter, create, on the org-scoped entities-0001 and the user-scoped entities-0005. The token is minted by signing
# up and in over HTTP. Prints requests/s, p50, p99 (medians over rounds), secured ÷ bare, and peak RSS.
# Options go to dev.instacrud.bench.load.ServiceBenchmark, e.g.
#   bench/run-service.sh --rounds 3 --max-seconds 2
#   bench/run-service.sh --secured-cmd "java -jar other/service.jar" --token "$TOKEN"   (another service)
# The whole run is bounded by BENCH_TIMEOUT seconds (default 1200).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/two-sides.sh"
timeout --kill-after=10 "${BENCH_TIMEOUT:-1200}" \
  java -Xmx512m -cp bench/target/benchmarks.jar dev.instacrud.bench.load.ServiceBenchmark "${extra[@]}" "$@"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
