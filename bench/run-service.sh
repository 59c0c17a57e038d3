#!/usr/bin/env bash
# Service benchmark: the bare Jetty baseline and, when --secured-cmd/--token are given, a generated service, driven
# alternately at concurrency 1, 8, 32 (GET by id, list with a filter, create; org- and user-scoped entity).
# Prints requests/s, p50, p99 (medians over rounds), secured ÷ bare, and each service's peak RSS.
# Options are passed to dev.instacrud.bench.load.ServiceBenchmark, e.g.
#   bench/run-service.sh --rounds 3 --max-seconds 2
#   bench/run-service.sh --secured-cmd "java -Xmx256m -jar path/to/service.jar" --token "$TOKEN" --secured-prefix /api
# The whole run is bounded by BENCH_TIMEOUT seconds (default 1200).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
cd "$root"
exec timeout --kill-after=10 "${BENCH_TIMEOUT:-1200}" \
  java -Xmx512m -cp bench/target/benchmarks.jar dev.instacrud.bench.load.ServiceBenchmark "$@"
