#!/usr/bin/env bash
# Sourced by the run-*.sh scripts: builds cli/target/instacrud.jar (with cli/target/lib) when missing or older than
# the sources it is made of. `package`, not `install`: the benchmarks run the jar where the build leaves it.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_jar="$root/cli/target/instacrud.jar"
if [ ! -f "$cli_jar" ] || [ -n "$(find "$root/pom.xml" "$root/templates" "$root"/{cli,generator,runtime}/pom.xml \
      "$root"/{cli,generator,runtime}/src/main -newer "$cli_jar" -print -quit 2>/dev/null)" ]; then
  echo "bench: building cli/target/instacrud.jar..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Dinvoker.skip=true -pl cli -am package) \
    || { echo "bench: CLI build failed" >&2; exit 2; }
  touch "$cli_jar"
fi
