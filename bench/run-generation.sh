#!/usr/bin/env bash
# Generation benchmark.
#  1. JMH, in process: every benchmark in bench/target/benchmarks.jar matching JMH_FILTER (default: all), printed with
#     time per entity for N = 10, 100, 1000. Short settings by default; JMH_ARGS overrides them.
#  2. Whole CLI process: `./instacrud --version` (the launcher doing nothing) against
#     `./instacrud generate SPEC --out DIR` for each N, alternating, RUNS rounds (default 5), medians, ratio, peak RSS.
#     The command is the CLI jar itself (`java -jar cli/target/instacrud.jar`, which is what ./instacrud execs after its
#     staleness check); INSTACRUD overrides it (e.g. INSTACRUD=./instacrud to include the launcher script).
# Environment: INSTACRUD, SIZES (default "10 100 1000"), RUNS, JMH_FILTER, JMH_ARGS, SKIP_JMH=1, BENCH_TIMEOUT (s, per step).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
source "$(dirname "${BASH_SOURCE[0]}")/cli-if-needed.sh"
cd "$root"
sizes="${SIZES:-10 100 1000}"
runs="${RUNS:-5}"
# an array, so a command with arguments works; JAVA_FLAGS (default none) go to the JVM of the default command
if [ -n "${INSTACRUD:-}" ]; then read -r -a cli <<<"$INSTACRUD"; else
  read -r -a cli <<<"java ${JAVA_FLAGS:-} -jar cli/target/instacrud.jar"; fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores; CLI: ${cli[*]}"
limit="${BENCH_TIMEOUT:-900}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "${SKIP_JMH:-0}" != 1 ]; then
  echo "== in process (JMH) =="
  # shellcheck disable=SC2086
  timeout --kill-after=10 "$limit" java -jar bench/target/benchmarks.jar ${JMH_FILTER:-} \
      ${JMH_ARGS:--f 1 -wi 4 -w 2 -i 5 -r 1} -rf json -rff "$work/jmh.json" >"$work/jmh.log" 2>&1 \
    || { tail -40 "$work/jmh.log"; echo "JMH failed" >&2; exit 1; }
  java -cp bench/target/benchmarks.jar dev.instacrud.bench.jmh.JmhTable "$work/jmh.json"
  echo
fi

echo "== whole CLI process =="
# builds the CLI on first use, outside the timing
if ! "${cli[@]}" --version >"$work/out" 2>&1; then
  echo "NOTE: '${cli[*]} --version' fails in this checkout, so the whole-process rows stay pending:"
  tail -5 "$work/out" | sed 's/^/      /'
  for n in $sizes; do printf "%-22s %10s\n" "generate N=$n" "pending"; done
  exit 0
fi
for n in $sizes; do
  java -cp bench/target/benchmarks.jar dev.instacrud.bench.spec.SyntheticSpec "$n" "$work/spec-$n.yaml" >/dev/null
done
have_generate=1
if ! "${cli[@]}" generate --help >/dev/null 2>&1; then
  have_generate=0
  echo "NOTE: this build of instacrud has no 'generate' command yet: only the --version baseline is timed;"
  echo "      the generation rows stay pending until 'instacrud generate SPEC --out DIR' exists."
fi

# one timed run: prints "<wall ms> <peak RSS KiB> <exit code>"
timed() {
  local t0 t1 rss rc
  t0=$(date +%s%N)
  set +e
  /usr/bin/time -f "%M" -o "$work/rss" timeout --kill-after=5 "$limit" "$@" >"$work/out" 2>&1
  rc=$?
  set -e
  t1=$(date +%s%N)
  rss=$(tail -1 "$work/rss")
  echo "$(( (t1 - t0) / 1000000 )) $rss $rc"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

: >"$work/version.txt"
for n in $sizes; do : >"$work/gen-$n.txt"; done
for r in $(seq 1 "$runs"); do
  # alternate: even rounds start with the baseline, odd rounds with generation
  if [ $((r % 2)) = 0 ]; then timed "${cli[@]}" --version >>"$work/version.txt"; fi
  if [ "$have_generate" = 1 ]; then
    for n in $sizes; do
      rm -rf "$work/out-$n"
      res="$(timed "${cli[@]}" generate "$work/spec-$n.yaml" --out "$work/out-$n")"
      if [ "${res##* }" != 0 ]; then
        echo "instacrud generate failed for N=$n:"; cat "$work/out"; exit 1
      fi
      echo "$res" >>"$work/gen-$n.txt"
    done
  fi
  if [ $((r % 2)) = 1 ]; then timed "${cli[@]}" --version >>"$work/version.txt"; fi
done

base_ms=$(cut -d' ' -f1 "$work/version.txt" | median)
base_rss=$(cut -d' ' -f2 "$work/version.txt" | median)
printf "\n%-22s %10s %12s %14s %14s\n" "command ($runs runs)" "median ms" "ms/entity" "÷ --version" "peak RSS MiB"
printf "%-22s %10s %12s %14s %14.0f\n" "instacrud --version" "$base_ms" "-" "1.00" "$(echo "$base_rss / 1024" | bc -l)"
for n in $sizes; do
  if [ "$have_generate" = 1 ]; then
    ms=$(cut -d' ' -f1 "$work/gen-$n.txt" | median)
    rss=$(cut -d' ' -f2 "$work/gen-$n.txt" | median)
    printf "%-22s %10s %12.2f %14.2f %14.0f\n" "generate N=$n" "$ms" "$(echo "$ms / $n" | bc -l)" \
      "$(echo "$ms / $base_ms" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  else
    printf "%-22s %10s %12s %14s %14s\n" "generate N=$n" "pending" "-" "-" "-"
  fi
done
echo "targets: N=100 at most 4x --version; peak RSS under 150 MiB at N=100; ms/entity flat within 2x."
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
