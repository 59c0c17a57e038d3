#!/usr/bin/env bash
# Start-up benchmark: time from `java -jar` to the first 200 on /health, and peak RSS (VmHWM) at that moment, for the
# bare baseline and, with --secured-cmd, a generated service, alternating over --rounds (default 5). Medians + ratio.
#   bench/run-startup.sh
#   bench/run-startup.sh --secured-cmd "java -Xmx256m -jar path/to/service.jar" --rounds 7
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
cd "$root"
exec timeout --kill-after=10 "${BENCH_TIMEOUT:-600}" \
  java -Xmx128m -cp bench/target/benchmarks.jar dev.instacrud.bench.load.StartupTimer "$@"
