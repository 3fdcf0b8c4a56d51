#!/usr/bin/env bash
# Runs the load generator against a stack of its own: builds what is missing, then runs
# bench/target/settle-bench.jar, which starts the stack with bin/settle on free loopback ports (state
# in bench/target/stack, every JVM at -Xmx256m), measures it and stops it again, whatever happened.
#
#   bench/run.sh                      the full run (docs/performance.md): every scenario at
#                                     concurrency 1,8,32,64 with 1 and 2 worker processes
#   bench/run.sh --scenarios floor,raw --concurrency 8 --duration 10s --workers 1
#                                     any BenchMain options; they override the defaults below
#   bench/run.sh --target-running     measure the running stack the SETTLE_* environment describes
#
# Environment: BENCH_STACK_HOME (default bench/target/stack) for the stack's state; BENCH_BUILD=1
# rebuilds the jars even when they exist; BENCH_JFR=1 records a JFR profile of the gateway and the
# worker into bench/target/ (costs a few % of throughput, so not for the numbers); BENCH_KEEP_STACK=1 leaves the stack running afterwards, to look into it (e.g. with
# bench/breakdown.py); SETTLE_JAVA_OPTS (default -Xmx256m) for the stack's JVMs; BENCH_JAVA_OPTS for the
# bench's own JVM.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

BENCH_JAR="$ROOT/bench/target/settle-bench.jar"
REPORT="$ROOT/bench/target/bench-report.md"

jars=("$BENCH_JAR" activities/target/settle-worker.jar api-gateway/target/settle-gateway.jar
  upstream-sim/target/upstream-sim.jar)
missing=0
for jar in "${jars[@]}"; do [[ -f $jar ]] || missing=1; done
if [[ ${BENCH_BUILD:-} == 1 || $missing == 1 ]]; then
  echo "bench: building (./mvnw -B -q -DskipTests package -pl bench,activities,api-gateway,upstream-sim -am)" >&2
  ./mvnw -B -q -DskipTests package -pl bench,activities,api-gateway,upstream-sim -am
fi

# The bench starts and stops the stack itself (stack-kit's LocalStack, as the chaos run does):
# bin/settle up on free loopback ports from an empty state folder, bin/settle down at the end.
stack_opts=(--stack-home "${BENCH_STACK_HOME:-$ROOT/bench/target/stack}")
[[ ${BENCH_KEEP_STACK:-} != 1 ]] || stack_opts+=(--keep-stack)
[[ ${BENCH_JFR:-} != 1 ]] || stack_opts+=(--jfr "$ROOT/bench/target")

# Run a private copy of the jar: a build in this checkout during the run would replace it.
run_jar="$(mktemp --suffix=.jar)"
trap 'rm -f "$run_jar"' EXIT
cp "$BENCH_JAR" "$run_jar"
read -ra bench_opts <<<"${BENCH_JAVA_OPTS:--Xmx512m}"
java "${bench_opts[@]}" -Dsettle.repo="$ROOT" -jar "$run_jar" --workers 1,2 --duration 15s --out "$REPORT" \
  "${stack_opts[@]}" "$@"
