#!/usr/bin/env bash
# Sourced by the run-*.sh scripts: builds bench/target/*.jar when missing or older than the bench sources.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/bench/src/main" "$root/bench/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "bench: building bench/target/benchmarks.jar and bare-baseline.jar..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am package) || { echo "bench: build failed" >&2; exit 2; }
fi
