#!/usr/bin/env bash
# `instacrud run` start-up: milliseconds from the command to its `Listening on` line, for each sample, measured
# separately for the first run in a fresh data folder (generation and compilation, a new store) and for a repeated
# run over the same folder (the compiled classes kept there by the first, the store reopened). Each is stopped with
# SIGTERM once listening. Commands (LABEL=COMMAND, `run SPEC --port 0` appended) alternate round by round:
#   bench/run-cli-run.sh                                   # ./instacrud alone
#   bench/run-cli-run.sh 'before=java -jar /tmp/main/instacrud.jar' 'after=./instacrud'
# Before timing, each command starts and stops twice, untimed: the launcher makes its class-data archive on its
# first run of `run` and installs it on the next. Medians over RUNS rounds (default 5), with the peak RSS (VmHWM) at
# the moment it listens. MODE=test, and a TURNSTILE_SECRET_KEY for the samples that need one (nothing is verified).
# Environment: RUNS, SAMPLES (default: samples/*.yaml), BENCH_TIMEOUT (s per start, 120).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli-if-needed.sh"
cd "$root"
[ $# -ge 1 ] || set -- "instacrud=./instacrud"
runs="${RUNS:-5}"
limit="${BENCH_TIMEOUT:-120}"
read -r -a samples <<<"${SAMPLES:-$(ls samples/*.yaml | tr '\n' ' ')}"
labels=()
commands=()
for arg in "$@"; do
  labels+=("${arg%%=*}")
  commands+=("${arg#*=}")
done
work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"

# one start: prints "<ms to Listening> <VmHWM KiB>", then stops it
start() {
  local command="$1" spec="$2" data="$3" t0 t1 line rss ready=0
  rm -f "$work/fifo"
  mkfifo "$work/fifo"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  DATA_DIR="$data" MODE=test TURNSTILE_SECRET_KEY=bench-never-verified timeout --kill-after=5 "$limit" $command run "$spec" --port 0 >"$work/fifo" 2>"$work/err" &
  pid=$!
  while IFS= read -r line; do
    case "$line" in "Listening on "*) ready=1; break ;; esac
  done <"$work/fifo"
  t1=$(date +%s%N)
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$(pgrep -P "$pid" | head -1)/status" 2>/dev/null || echo 0)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  if [ "$ready" != 1 ]; then
    echo "no 'Listening on' from: $command run $spec" >&2
    cat "$work/err" >&2
    exit 1
  fi
  echo "$(((t1 - t0) / 1000000)) ${rss:-0}"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

count=${#commands[@]}
for i in $(seq 0 $((count - 1))); do
  for _ in 1 2; do
    rm -rf "$work/warm"
    start "${commands[$i]}" "${samples[0]}" "$work/warm" >/dev/null
  done
done
for spec in "${samples[@]}"; do
  for i in $(seq 0 $((count - 1))); do : >"$work/first-$i"; : >"$work/again-$i"; done
  for r in $(seq 1 "$runs"); do
    for k in $(seq 0 $((count - 1))); do
      i=$(((k + r) % count))
      data="$work/data-$i"
      rm -rf "$data"
      start "${commands[$i]}" "$spec" "$data" >>"$work/first-$i"
      start "${commands[$i]}" "$spec" "$data" >>"$work/again-$i"
    done
  done
  for i in $(seq 0 $((count - 1))); do
    for kind in first again; do
      printf "%-20s %-14s %-7s median %6.0f ms  min %6.0f  max %6.0f  RSS %4.0f MiB\n" "$(basename "$spec")" \
        "${labels[$i]}" "$kind" "$(cut -d' ' -f1 "$work/$kind-$i" | median)" \
        "$(cut -d' ' -f1 "$work/$kind-$i" | sort -n | head -1)" "$(cut -d' ' -f1 "$work/$kind-$i" | sort -n | tail -1)" \
        "$(echo "$(cut -d' ' -f2 "$work/$kind-$i" | median) / 1024" | bc -l)"
    done
  done
done
echo "target: repeated run at most 1500 ms to Listening; $runs rounds; first = fresh data folder, again = same folder"
for i in $(seq 0 $((count - 1))); do echo "${labels[$i]}: ${commands[$i]}"; done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
