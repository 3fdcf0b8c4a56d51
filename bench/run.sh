#!/usr/bin/env bash
# Runs the load generator against a stack of its own: builds what is missing, starts the stack
# with bin/settle on free loopback ports (state in bench/target/stack, every JVM at -Xmx256m),
# runs bench/target/settle-bench.jar, and stops the stack again, whatever happened.
#
#   bench/run.sh                      the full run (docs/performance.md): every scenario at
#                                     concurrency 1,8,32,64 with 1 and 2 worker processes
#   bench/run.sh --scenarios floor,raw --concurrency 8 --duration 10s --workers 1
#                                     any BenchMain options; they override the defaults below
#
# Environment: BENCH_BUILD=1 rebuilds the jars even when they exist; BENCH_JFR=1 records a JFR
# profile of the gateway and the worker into bench/target/ (costs a few % of throughput, so not for
# the numbers); BENCH_KEEP_STACK=1 leaves the stack running afterwards, to look into it (e.g. with
# bench/breakdown.py); SETTLE_JAVA_OPTS (default -Xmx256m) for the stack's JVMs; BENCH_JAVA_OPTS for the
# bench's own JVM.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

# A free port below Linux's ephemeral range (32768+), which the dev server's internal services and
# client sockets draw from, so none of them takes it before the part that needs it starts.
free_port() {
  python3 - <<'PY'
import random, socket
for _ in range(200):
    port = random.randint(20000, 31999)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
else:
    raise SystemExit("no free port in 20000-32000")
PY
}

export SETTLE_HOME="${BENCH_STACK_HOME:-$ROOT/bench/target/stack}"
export SETTLE_BIND=127.0.0.1
export SETTLE_JAVA_OPTS="${SETTLE_JAVA_OPTS:--Xmx256m}"
for var in SETTLE_GATEWAY_PORT SETTLE_UPSTREAM_PORT SETTLE_WORKER_PORT SETTLE_TEMPORAL_PORT \
  SETTLE_TEMPORAL_UI_PORT SETTLE_PG_PORT; do
  export "$var=$(free_port)"
done
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

# A fresh stack each run: an empty Temporal database and ledger, so runs compare.
if [[ -d $SETTLE_HOME ]]; then bin/settle purge >&2; fi
stop_stack() { bin/settle down >&2 || true; }
if [[ ${BENCH_KEEP_STACK:-} == 1 ]]; then
  trap 'echo "bench: stack left running; stop it with: SETTLE_HOME=$SETTLE_HOME bin/settle down" >&2' EXIT
else
  trap stop_stack EXIT
fi
bin/settle up >&2

if [[ ${BENCH_JFR:-} == 1 ]]; then
  for part in gateway worker; do
    jcmd "$(<"$SETTLE_HOME/run/$part.pid")" JFR.start name=bench settings=profile \
      filename="$ROOT/bench/target/$part.jfr" >&2
  done
fi

# Run a private copy of the jar: a build in this checkout during the run would replace it.
run_jar="$(mktemp --suffix=.jar)"
cp "$BENCH_JAR" "$run_jar"
read -ra bench_opts <<<"${BENCH_JAVA_OPTS:--Xmx512m}"
status=0
java "${bench_opts[@]}" -Dsettle.repo="$ROOT" -jar "$run_jar" --workers 1,2 --duration 15s --out "$REPORT" "$@" || status=$?
rm -f "$run_jar"

if [[ ${BENCH_JFR:-} == 1 ]]; then
  for part in gateway worker; do
    jcmd "$(<"$SETTLE_HOME/run/$part.pid")" JFR.dump name=bench >&2 || true
  done
  echo "bench: JFR recordings in bench/target/{gateway,worker}.jfr" >&2
fi
exit "$status"
