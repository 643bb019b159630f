#!/usr/bin/env bash
# Backend benchmark: loads ~1M revisions into the store and computes the project report (prints figures).
#   bench/backend.sh [h2|postgres] [ITEMS]      default: h2 220000 (≈ 1M revisions)
#   bench/backend.sh load-ab [ITEMS] [ROUNDS]   PostgreSQL loads with batch rewriting off and on, alternately
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B -DskipTests install -pl shared-metrics >/dev/null
./mvnw -q -B -DskipTests test-compile -pl azdo-backend
cp_file=$(mktemp)
./mvnw -q -B dependency:build-classpath -pl azdo-backend -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="azdo-backend/target/classes:azdo-backend/target/test-classes:$(cat "$cp_file")"
rm -f "$cp_file"
if [ "${1:-}" = load-ab ]; then
  java -Xmx3g -cp "$cp" io.flowtrack.azdo.bench.LoadComparison "${2:-50000}" "${3:-3}"
else
  java -Xmx3g -cp "$cp" io.flowtrack.azdo.bench.BackendBenchmark "${1:-h2}" "${2:-220000}"
fi
