#!/usr/bin/env bash
# FlowTrack benchmark: prints figures, asserts nothing. See docs/performance.md for what they mean.
#
#   bench/run.sh            100k and 1M items, 3 runs each, and the Monte Carlo figures
#   bench/run.sh quick      100k items only
#
# Needs the README's build (./mvnw -q -B -DskipTests package; test classes for the in-process part:
# ./mvnw -q -B -DskipTests test-compile). Generated histories go to $BENCH_DIR (default: a temp dir,
# /dev/shm when it exists, so that disk speed does not enter the figures).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/shared-metrics/target/flowtrack.jar"
tests="$root/shared-metrics/target/test-classes"
[ -f "$jar" ] || { echo "missing $jar: run ./mvnw -q -B -DskipTests package first" >&2; exit 1; }
base=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )}
dir=$(mktemp -d "$base/flowtrack-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
runs=${RUNS:-3}
asof=2026-01-01

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"

cold() { # label, history, extra java options
  local label=$1 file=$2 opts=$3
  for i in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    FLOWTRACK_JAVA_OPTS="$opts" "$root/flowtrack" report --input "$file" --as-of "$asof" --compact --timings \
      > "$dir/report.json" 2> "$dir/err.txt"
    end=$(date +%s%N)
    printf '%-34s run %d: %5d ms wall (JVM start included); %s; report %s MB\n' "$label" "$i" \
      $(( (end - start) / 1000000 )) "$(sed 's/flowtrack timings: //' "$dir/err.txt")" \
      "$(( $(stat -c %s "$dir/report.json") / 1000000 ))"
  done
}

generate() { # items, file
  local start end
  start=$(date +%s%N)
  "$root/flowtrack" generate --items "$1" --seed 1 --output "$2"
  end=$(date +%s%N)
  local transitions
  transitions=$(grep -o '"at"' "$2" | wc -l)
  printf 'generated %s items, %s transitions, %s MB in %d ms\n' "$1" "$transitions" \
    "$(( $(stat -c %s "$2") / 1000000 ))" $(( (end - start) / 1000000 ))
}

generate 100000 "$dir/h100k.json"
cold "report 100k items" "$dir/h100k.json" ""
if [ "${1:-}" != quick ]; then
  generate 1000000 "$dir/h1m.json"
  cold "report 1M items, -Xmx2g" "$dir/h1m.json" "-Xmx2g"
fi

if [ -d "$tests" ]; then
  echo "in-process, warm (EngineBenchmark):"
  java -XX:+UseSerialGC -cp "$jar:$tests" io.flowtrack.metrics.bench.EngineBenchmark "$dir/h100k.json" 5
else
  echo "no test classes: skipping the in-process figures (./mvnw -q -B -DskipTests test-compile)"
fi
