# Sourced by run-service.sh and run-startup.sh with their arguments: builds what they need and sets `extra` to the
# commands of the two sides, the generated service and the bare baseline, both with JAVA_FLAGS (default
# "-Xmx128m -XX:+UseSerialGC"), unless the arguments name a side's command themselves.
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
cd "$root"
flags="${JAVA_FLAGS:--Xmx128m -XX:+UseSerialGC}"
extra=()
if [[ " $* " != *" --secured-cmd "* ]]; then
  source "$root/bench/prepare-service.sh"
  extra=(--secured-cmd "java $flags -cp $service_cp $service_main")
fi
if [[ " $* " != *" --bare-cmd "* ]]; then
  extra+=(--bare-cmd "java $flags -jar bench/target/bare-baseline.jar")
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores"
