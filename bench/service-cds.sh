#!/usr/bin/env bash
# Sourced by two-sides.sh when CDS=1: the generated service as one jar (bench/target/service/service.jar: CDS cannot
# archive classes from a folder) with an application class-data archive (service.jsa) recorded by one training start
# (-XX:ArchiveClassesAtExit: start, one GET /health, SIGTERM), as a generated project could make it at package time.
# Sets service_cp to the jar's class path and cds_flags to the archive's flags. Needs service_cp/svc from
# prepare-service.sh.
jar_cp="$svc/service.jar:$svc/lib/*"
if [ ! -f "$svc/service.jsa" ] || [ "$svc/classes" -nt "$svc/service.jsa" ]; then
  echo "bench: recording the service's class-data archive (one training start)..." >&2
  rm -f "$svc/service.jar" "$svc/service.jsa"
  jar --create --file "$svc/service.jar" -C "$svc/classes" .
  train_dir="$(mktemp -d)"
  train_log="$train_dir/log"
  MODE=test PORT=0 DATA_DIR="$train_dir/data" java $flags -XX:ArchiveClassesAtExit="$svc/service.jsa" \
    -cp "$jar_cp" "$service_main" >"$train_log" 2>&1 &
  train_pid=$!
  for _ in $(seq 1 600); do
    url="$(sed -n 's/^Listening on \(http[^ ]*\).*/\1/p' "$train_log")"
    [ -n "$url" ] && break
    sleep 0.2
  done
  [ -n "$url" ] && curl -fsS "$url/health" >/dev/null
  kill -TERM "$train_pid"; wait "$train_pid" || true
  rm -rf "$train_dir"
  [ -f "$svc/service.jsa" ] || { echo "bench: no class-data archive was written" >&2; exit 2; }
fi
service_cp="$jar_cp"
cds_flags="-XX:SharedArchiveFile=$svc/service.jsa"
