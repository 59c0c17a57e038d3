#!/usr/bin/env bash
# Sourced by run-service.sh and run-startup.sh: the generated service of the synthetic spec (N = 5), as it would run
# from its own build: `instacrud generate` to bench/target/service/src, javac into bench/target/service/classes (plus
# openapi.json), and the runtime's class path (cli/target/lib without the generator-only jars) in
# bench/target/service/lib. Sets service_cp and service_main. Rebuilt when the CLI jar is newer.
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
source "$(dirname "${BASH_SOURCE[0]}")/cli-if-needed.sh"
svc="$root/bench/target/service"
service_main="org.example.bench.n5.Bench5Application"
service_cp="$svc/classes:$svc/lib/*"
if [ ! -f "$svc/classes/org/example/bench/n5/Bench5Application.class" ] || [ "$cli_jar" -nt "$svc/classes" ] \
    || [ "$root/bench/target/benchmarks.jar" -nt "$svc/classes" ]; then
  echo "bench: generating and compiling the service of the synthetic spec (N = 5)..." >&2
  rm -rf "$svc" && mkdir -p "$svc/lib" "$svc/classes"
  java -cp "$root/bench/target/benchmarks.jar" dev.instacrud.bench.spec.SyntheticSpec 5 "$svc/instacrud.yaml" >/dev/null
  java -jar "$cli_jar" generate "$svc/instacrud.yaml" --out "$svc/src" >&2 || { echo "bench: generate failed" >&2; exit 2; }
  for j in "$root"/cli/target/lib/*.jar; do
    case "$(basename "$j")" in
      instacrud-generator-*|javapoet-*|freemarker-*|picocli-*|java-diff-utils-*|jackson-dataformat-yaml-*|snakeyaml-*) ;;
      *) cp "$j" "$svc/lib/" ;;
    esac
  done
  find "$svc/src" -name '*.java' >"$svc/sources.txt"
  javac -nowarn --release 17 -proc:none -d "$svc/classes" -cp "$svc/lib/*" @"$svc/sources.txt" >&2 \
    || { echo "bench: javac failed" >&2; exit 2; }
  (cd "$svc/src" && find . -type f ! -name '*.java' -exec cp --parents {} "$svc/classes/" \;)
fi
