# Sourced by run-service.sh and run-startup.sh with their arguments: builds what they need and sets `extra` to the
# commands of the two sides, the generated service and the bare baseline, both with JAVA_FLAGS (default
# "-Xmx128m -XX:+UseSerialGC"), unless the arguments name a side's command themselves. CDS=1: the service runs
# from one jar with its application class-data archive (service-cds.sh).
source "$(dirname "${BASH_SOURCE[0]}")/build-if-needed.sh"
cd "$root"
flags="${JAVA_FLAGS:--Xmx128m -XX:+UseSerialGC}"
extra=()
if [[ " $* " != *" --secured-cmd "* ]]; then
  source "$root/bench/prepare-service.sh"
  cds_flags=""
  if [ "${CDS:-0}" = 1 ]; then
    source "$root/bench/service-cds.sh" # the service from one jar with its class-data archive
  fi
  extra=(--secured-cmd "java $flags $cds_flags -cp $service_cp $service_main")
fi
if [[ " $* " != *" --bare-cmd "* ]]; then
  extra+=(--bare-cmd "java $flags -jar bench/target/bare-baseline.jar")
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores"
