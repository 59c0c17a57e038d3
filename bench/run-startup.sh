#!/usr/bin/env bash
# Start-up benchmark: time from launch to the first 200 on /health, and peak RSS (VmHWM) at that moment, for the
# generated service of the synthetic spec (N = 5, compiled classes + the runtime's jars; see prepare-service.sh) and
# the bare baseline (one shaded jar), with the same JVM flags (JAVA_FLAGS, default "-Xmx128m -XX:+UseSerialGC"),
# alternating over --rounds (default 5). Medians + ratio.
#   bench/run-startup.sh --rounds 7
#   bench/run-startup.sh --secured-cmd "java -jar other/service.jar"    (another service)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/two-sides.sh"
timeout --kill-after=10 "${BENCH_TIMEOUT:-600}" \
  java -Xmx128m -cp bench/target/benchmarks.jar dev.instacrud.bench.load.StartupTimer "${extra[@]}" "$@"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
