#!/usr/bin/env bash
# The chaos run (docs/reliability.md): builds what is missing, then runs chaos/target/settle-chaos.jar,
# which starts a stack of its own with bin/settle (state in chaos/target/stack, free loopback ports),
# plays a seeded schedule of payments and orders with duplicates, upstream faults and process crashes,
# waits for every operation to settle, checks every invariant, prints the report and stops the stack.
# Exit 0: no violation; 1: violations (listed with their keys); 2: the run could not be done.
#
#   chaos/run.sh                         1,000 operations, seed 42
#   chaos/run.sh --ops 10000 --seed 7    the soak run
#   chaos/run.sh --target-running        against the stack the SETTLE_* environment points at
#   chaos/run.sh --check chaos/target/chaos-<run>.json   check an earlier run again (running stack)
#   chaos/run.sh --fingerprint           the workflow code's fingerprint, which a soak record names
#   chaos/run.sh --help                  this text
#
# Options: --ops N (1000), --seed S (42), --concurrency C (12 clients at once), --settle-within 6m (the
# bounded wait for every operation to settle), --out DIR (chaos/target: run log and report), --keep-stack
# (leave the run's own stack up), --target-running, --check FILE (see above).
#
# Environment: CHAOS_BUILD=1 rebuilds the jars even when they exist; CHAOS_JAVA_OPTS for the runner's
# JVM; SETTLE_JAVA_OPTS (default -Xmx320m) for the stack's JVMs; SETTLE_TOOLS as for bin/settle.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
if [[ ${1:-} == --help || ${1:-} == -h ]]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

CHAOS_JAR="$ROOT/chaos/target/settle-chaos.jar"
jars=("$CHAOS_JAR" activities/target/settle-worker.jar api-gateway/target/settle-gateway.jar
  upstream-sim/target/upstream-sim.jar)
missing=0
for jar in "${jars[@]}"; do [[ -f $jar ]] || missing=1; done
if [[ ${CHAOS_BUILD:-} == 1 || $missing == 1 ]]; then
  echo "chaos: building (./mvnw -B -q -DskipTests package -pl chaos,activities,api-gateway,upstream-sim -am)" >&2
  ./mvnw -B -q -DskipTests package -pl chaos,activities,api-gateway,upstream-sim -am
fi

# Run a private copy of the jar: a build in this checkout during the run would replace it.
run_jar="$(mktemp --suffix=.jar)"
trap 'rm -f "$run_jar"' EXIT
cp "$CHAOS_JAR" "$run_jar"
read -ra java_opts <<<"${CHAOS_JAVA_OPTS:--Xmx384m}"
java "${java_opts[@]}" -Dsettle.repo="$ROOT" -jar "$run_jar" "$@"
