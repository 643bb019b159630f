#!/usr/bin/env bash
# Jira plugin benchmark: maps ISSUES issues with CHANGES status changes each to a report in-process and prints the
# time and the change-history calls / SQL history queries per search page of 500 (per-issue, bulk, QueryDSL reads).
#   bench/jira.sh [ISSUES] [CHANGES]      default: 50000 10
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp_file=$(mktemp)
# package, not test-compile: the plugin unpacks the web module's jar, which a reactor build has only once packaged
# (MDEP-98); the class path is written in the same build, where the reactor's modules resolve without an install.
# The plugin is the reactor's last module, so its class path is the one left in the file.
./mvnw -q -B -DskipTests package dependency:build-classpath -pl jira-plugin/plugin -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file"
cp="jira-plugin/plugin/target/classes:jira-plugin/plugin/target/test-classes:jira-plugin/atlassian-api/target/classes:shared-metrics/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
# Reactor classes first: the class path from the repository may hold older snapshots of these modules.
java -Xmx2g -cp "$cp" io.flowtrack.jira.bench.JiraMappingBenchmark "${1:-50000}" "${2:-10}"
