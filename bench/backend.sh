#!/usr/bin/env bash
# Backend benchmark: loads ~1M revisions into the store and computes the project report (prints figures).
#   bench/backend.sh [h2|postgres] [ITEMS]        default: h2 220000 (≈ 1.26M revisions): load, reports from the
#                                                 store, cached reports, warm reports of many different queries
#   bench/backend.sh load [ITEMS] [CLIENTS] [REQ]  default: 10000 32 8 — CLIENTS at once asking different, uncached
#                                                 reports (bounded computations, warm history), in a 1 GB heap;
#                                                 latency percentiles, 503s, peak RSS
#   bench/backend.sh load-ab [ITEMS] [ROUNDS]     PostgreSQL loads with batch rewriting off and on, alternately
# Builds with the reactor (no `mvn install`: shared-metrics and the web bundle come from their target/ folders).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp_file=$(mktemp)
./mvnw -q -B -DskipTests -pl azdo-backend -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >/dev/null
cp="azdo-backend/target/classes:azdo-backend/target/test-classes:$(cat "$cp_file")"
rm -f "$cp_file"
case "${1:-}" in
  load-ab) java -Xmx3g -cp "$cp" io.flowtrack.azdo.bench.LoadComparison "${2:-50000}" "${3:-3}" ;;
  load) java -Xmx1g -cp "$cp" io.flowtrack.azdo.bench.BackendBenchmark load "${2:-10000}" "${3:-32}" "${4:-8}" ;;
  *) java -Xmx3g -cp "$cp" io.flowtrack.azdo.bench.BackendBenchmark "${1:-h2}" "${2:-220000}" ;;
esac
