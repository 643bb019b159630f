#!/usr/bin/env bash
# Compares two builds of the CLI on the same machine at the same time, so that a noisy machine moves both:
# runs alternate (old, new, old, new, …) and each prints wall time, CPU time (user + sys) and peak RSS.
# Each jar reports on the history its own generator makes (the benchmark as bench/run.sh runs it) and on
# the new generator's history (same input for both). Prints figures, asserts nothing.
#
#   bench/compare.sh OLD.jar NEW.jar [ITEMS] [RUNS] [JAVA_OPTS]
#
# Example (before/after a change): git stash; ./mvnw -q -B -pl shared-metrics -DskipTests package;
#   cp shared-metrics/target/flowtrack.jar /tmp/old.jar; git stash pop; ./mvnw … package;
#   bench/compare.sh /tmp/old.jar shared-metrics/target/flowtrack.jar 1000000 3 -Xmx2g
set -euo pipefail
old=$1 new=$2 items=${3:-100000} runs=${4:-3} opts=${5:-}
base=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" )}
dir=$(mktemp -d "$base/flowtrack-compare.XXXXXX")
trap 'rm -rf "$dir"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 1; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -jar "$old" generate --items "$items" --seed 1 --output "$dir/old.json"
java -jar "$new" generate --items "$items" --seed 1 --output "$dir/new.json"
echo "histories: old generator $(( $(stat -c %s "$dir/old.json") / 1000000 )) MB, new generator $(( $(stat -c %s "$dir/new.json") / 1000000 )) MB"
one() { # label, jar, history
  local start end
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S %M' -o "$dir/time.txt" java $opts -jar "$2" report --input "$3" --as-of 2026-01-01 \
    --compact --timings > "$dir/report.json" 2> "$dir/err.txt"
  end=$(date +%s%N)
  read -r user sys rss < "$dir/time.txt"
  printf '%-26s %6d ms wall, %6.2f s CPU, %5d MB RSS, report %4d MB; %s\n' "$1" $(( (end - start) / 1000000 )) \
    "$(echo "$user + $sys" | bc)" $(( rss / 1024 )) $(( $(stat -c %s "$dir/report.json") / 1000000 )) \
    "$(grep 'timings' "$dir/err.txt" | sed 's/flowtrack timings: //')"
}
for i in $(seq "$runs"); do
  one "old jar, old history" "$old" "$dir/old.json"
  one "new jar, new history" "$new" "$dir/new.json"
  one "old jar, new history" "$old" "$dir/new.json"
done
