#!/usr/bin/env bash
# Peer comparison: `./instacrud generate` of the synthetic spec against OpenAPI Generator's CLI (`-g spring`) on an
# OpenAPI 3.0 document of the same N resources (dev.instacrud.bench.spec.SyntheticOpenApi: the same entities, fields
# and constraints, CRUD operations, bearer auth), alternating run by run in one session, each into a fresh folder.
# Prints medians of wall time, CPU time (user + system) and peak RSS, and peer ÷ instacrud.
# Each side runs as its users run it: ./instacrud (its launcher's flags and class-data archive, made by two
# untimed runs first) and `java -jar openapi-generator-cli.jar generate -i DOC -g spring -o DIR` (JVM defaults).
# The peer's jar comes from Maven Central through Maven (dependency:copy into bench/target/peer); when it cannot be
# had, the script says so and exits 0.
# Environment: PEER_VERSION (default 7.17.0), SIZES (default 100), RUNS (default 3), PEER_JAVA_FLAGS,
# BENCH_TIMEOUT (s per run, default 900).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
source "$(dirname "${BASH_SOURCE[0]}")/cli-if-needed.sh"
cd "$root"
version="${PEER_VERSION:-7.17.0}"
sizes="${SIZES:-100}"
runs="${RUNS:-3}"
limit="${BENCH_TIMEOUT:-900}"
peer_dir="$root/bench/target/peer"
peer_jar="$peer_dir/openapi-generator-cli-$version.jar"
if [ ! -f "$peer_jar" ]; then
  echo "bench: fetching org.openapitools:openapi-generator-cli:$version through Maven..." >&2
  if ! ./mvnw -q -B dependency:copy -Dartifact="org.openapitools:openapi-generator-cli:$version" \
      -DoutputDirectory="$peer_dir" >"$peer_dir.log" 2>&1 || [ ! -f "$peer_jar" ]; then
    echo "SKIPPED: org.openapitools:openapi-generator-cli:$version could not be resolved through Maven"
    echo "         (offline, or no such version); see $peer_dir.log"
    exit 0
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for n in $sizes; do
  java -cp bench/target/benchmarks.jar dev.instacrud.bench.spec.SyntheticSpec "$n" "$work/spec-$n.yaml" >/dev/null
  java -cp bench/target/benchmarks.jar dev.instacrud.bench.spec.SyntheticOpenApi "$n" "$work/openapi-$n.json" >/dev/null
done
# the command line of SIDE (ours or peer) for N into OUT
command_for() {
  if [ "$1" = ours ]; then
    echo "./instacrud generate '$work/spec-$2.yaml' --out '$3'"
  else
    echo "java ${PEER_JAVA_FLAGS:-} -jar '$peer_jar' generate -i '$work/openapi-$2.json' -g spring -o '$3'"
  fi
}

# one run: "<wall ms> <cpu ms> <peak RSS KiB> <files written>"
timed() {
  local side="$1" n="$2" out="$work/out" t0 t1 rss user sys
  rm -rf "$out"
  t0=$(date +%s%N)
  if ! /usr/bin/time -f "%M %U %S" -o "$work/time" timeout --kill-after=5 "$limit" \
      bash -c "$(command_for "$side" "$n" "$out")" >"$work/log" 2>&1; then
    echo "$side failed for N=$n:" >&2
    tail -20 "$work/log" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  read -r rss user sys < <(tail -1 "$work/time")
  echo "$(((t1 - t0) / 1000000)) $(echo "($user + $sys) * 1000 / 1" | bc) $rss $(find "$out" -type f | wc -l)"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

first="${sizes%% *}"
for _ in 1 2; do timed ours "$first" >/dev/null; done # the launcher's class-data archive: made, then installed
printf "%-6s %-18s %10s %10s %9s %7s\n" "N" "side ($runs runs)" "wall ms" "CPU ms" "RSS MiB" "files"
for n in $sizes; do
  : >"$work/ours"
  : >"$work/peer"
  for r in $(seq 1 "$runs"); do
    if [ $((r % 2)) = 1 ]; then order="ours peer"; else order="peer ours"; fi
    for side in $order; do timed "$side" "$n" >>"$work/$side"; done
  done
  for side in ours peer; do
    printf "%-6s %-18s %10.0f %10.0f %9.0f %7s\n" "$n" "$([ $side = ours ] && echo instacrud || echo "openapi-gen $version")" \
      "$(cut -d' ' -f1 "$work/$side" | median)" "$(cut -d' ' -f2 "$work/$side" | median)" \
      "$(echo "$(cut -d' ' -f3 "$work/$side" | median) / 1024" | bc -l)" "$(cut -d' ' -f4 "$work/$side" | median)"
  done
  printf "%-6s peer ÷ instacrud: wall %.2f, CPU %.2f\n" "$n" \
    "$(echo "$(cut -d' ' -f1 "$work/peer" | median) / $(cut -d' ' -f1 "$work/ours" | median)" | bc -l)" \
    "$(echo "$(cut -d' ' -f2 "$work/peer" | median) / $(cut -d' ' -f2 "$work/ours" | median)" | bc -l)"
done
echo "instacrud: ./instacrud generate SPEC --out DIR"
echo "peer:      java ${PEER_JAVA_FLAGS:-}-jar $(basename "$peer_jar") generate -i DOC -g spring -o DIR"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
