#!/usr/bin/env bash
# Compares whole-process `generate` commands on the synthetic spec, alternating them run by run in one session,
# so that a lever is judged against its own baseline under the same load:
#   bench/compare-generate.sh 'before=java -jar /tmp/main/instacrud.jar' 'after=./instacrud'
# Each argument is LABEL=COMMAND; the command gets `generate SPEC --out DIR` appended. Every run writes into a fresh
# folder, or with REGENERATE=1 into a folder that already holds the same output (a regeneration that changes
# nothing). Prints, per N and command, the median wall time, the median CPU time (user + system: on a shared
# machine the steadier of the two), the median peak RSS, and each median against the first command's.
# Environment: SIZES (default "100 1000"), RUNS (default 7), REGENERATE=1, BENCH_TIMEOUT (s, per run, default 300).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
cd "$root"
[ $# -ge 1 ] || { echo "usage: $0 LABEL=COMMAND..." >&2; exit 2; }
sizes="${SIZES:-100 1000}"
runs="${RUNS:-7}"
limit="${BENCH_TIMEOUT:-300}"
labels=()
commands=()
for arg in "$@"; do
  labels+=("${arg%%=*}")
  commands+=("${arg#*=}")
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for n in $sizes; do
  java -cp bench/target/benchmarks.jar dev.instacrud.bench.spec.SyntheticSpec "$n" "$work/spec-$n.yaml" >/dev/null
done

# one run: "<wall ms> <cpu ms> <peak RSS KiB>"; fails the script when the command fails
timed() {
  local t0 t1 rss user sys
  t0=$(date +%s%N)
  if ! /usr/bin/time -f "%M %U %S" -o "$work/time" timeout --kill-after=5 "$limit" bash -c "$*" >"$work/log" 2>&1; then
    echo "failed: $*" >&2
    tail -20 "$work/log" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  read -r rss user sys < <(tail -1 "$work/time")
  echo "$(((t1 - t0) / 1000000)) $(echo "($user + $sys) * 1000 / 1" | bc) $rss"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

count=${#commands[@]}
for n in $sizes; do
  for i in $(seq 0 $((count - 1))); do
    : >"$work/result-$n-$i"
    if [ "${REGENERATE:-0}" = 1 ]; then
      bash -c "${commands[$i]} generate $work/spec-$n.yaml --out $work/out-$n-$i" >/dev/null 2>&1
    fi
  done
  for r in $(seq 1 "$runs"); do
    for k in $(seq 0 $((count - 1))); do
      i=$(((k + r) % count)) # each round starts with another command
      out="$work/out-$n-$i"
      [ "${REGENERATE:-0}" = 1 ] || rm -rf "$out"
      timed "${commands[$i]} generate $work/spec-$n.yaml --out $out" >>"$work/result-$n-$i"
    done
  done
done

printf "\n%-8s %-22s %10s %8s %10s %8s %9s\n" "N" "command ($runs runs)" "wall ms" "÷ first" "CPU ms" "÷ first" "RSS MiB"
for n in $sizes; do
  base_wall=$(cut -d' ' -f1 "$work/result-$n-0" | median)
  base_cpu=$(cut -d' ' -f2 "$work/result-$n-0" | median)
  for i in $(seq 0 $((count - 1))); do
    wall=$(cut -d' ' -f1 "$work/result-$n-$i" | median)
    cpu=$(cut -d' ' -f2 "$work/result-$n-$i" | median)
    rss=$(cut -d' ' -f3 "$work/result-$n-$i" | median)
    printf "%-8s %-22s %10.0f %8.2f %10.0f %8.2f %9.0f\n" "$n" "${labels[$i]}" "$wall" "$(echo "$wall / $base_wall" | bc -l)" \
      "$cpu" "$(echo "$cpu / $base_cpu" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  done
done
for i in $(seq 0 $((count - 1))); do echo "${labels[$i]}: ${commands[$i]}"; done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
