# shellcheck shell=bash disable=SC2034 # its variables are used by the scripts that source it
# Settle's configuration: every setting is an environment variable with a default.
# Sourced by bin/settle and by the deploy/*/ scripts; the resolved values are exported
# so the parts started from here (and the tests) see the same settings.

SETTLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

: "${SETTLE_HOME:=$SETTLE_ROOT/.settle}"
: "${SETTLE_TOOLS:=$SETTLE_ROOT/.tools}"
: "${SETTLE_BIND:=127.0.0.1}"
: "${SETTLE_GATEWAY_PORT:=8080}"
: "${SETTLE_UPSTREAM_PORT:=8089}"
: "${SETTLE_WORKER_PORT:=8081}"
: "${SETTLE_TEMPORAL_PORT:=7233}"
: "${SETTLE_TEMPORAL_UI_PORT:=8233}"
: "${SETTLE_PG_PORT:=15432}"
# Prometheus beside the stack: SETTLE_PROMETHEUS=1 makes it a part (deploy/prometheus/).
: "${SETTLE_PROMETHEUS:=}"
: "${SETTLE_PROMETHEUS_PORT:=9090}"
: "${SETTLE_PROMETHEUS_INTERVAL:=15s}"
: "${SETTLE_JAVA_OPTS:=-Xmx384m}"
# The Temporal namespace the gateway and the worker use (their application.yml's default too). The
# engine scripts (deploy/temporal/) set up namespace `default`; another one must exist beforehand.
: "${SETTLE_TEMPORAL_NAMESPACE:=default}"
# The HMAC secret upstream-sim signs its webhooks with and the gateway verifies (a dev value).
: "${SETTLE_WEBHOOK_SECRET:=dev-webhook-secret}"
# Optional: a fixed port for the dev server's /metrics (default: a random free port).
: "${SETTLE_TEMPORAL_METRICS_PORT:=}"
# SQLite pragmas of the dev server's state file. WAL with synchronous=normal roughly doubles what
# the dev server does per second on this kind of machine (docs/performance.md); it survives a
# crash of the process (kill -9) but may lose the last transactions on a power loss or kernel crash.
# Set it empty for SQLite's defaults (rollback journal, synchronous=full).
: "${SETTLE_TEMPORAL_SQLITE_PRAGMAS=journal_mode=wal synchronous=normal}"
# Bounded waits, in seconds.
: "${SETTLE_JAVA_START_TIMEOUT:=120}"
: "${SETTLE_START_TIMEOUT:=60}"
: "${SETTLE_STOP_TIMEOUT:=30}"

SETTLE_HOME="$(realpath -m "$SETTLE_HOME")"
SETTLE_TOOLS="$(realpath -m "$SETTLE_TOOLS")"
SETTLE_PG_BIN="$SETTLE_TOOLS/pg/bin"
SETTLE_TEMPORAL_ADDRESS="$SETTLE_BIND:$SETTLE_TEMPORAL_PORT"

export SETTLE_ROOT SETTLE_HOME SETTLE_TOOLS SETTLE_BIND SETTLE_JAVA_OPTS \
  SETTLE_GATEWAY_PORT SETTLE_UPSTREAM_PORT SETTLE_WORKER_PORT \
  SETTLE_TEMPORAL_PORT SETTLE_TEMPORAL_UI_PORT SETTLE_TEMPORAL_METRICS_PORT SETTLE_TEMPORAL_SQLITE_PRAGMAS \
  SETTLE_PG_PORT SETTLE_PROMETHEUS SETTLE_PROMETHEUS_PORT SETTLE_PROMETHEUS_INTERVAL \
  SETTLE_JAVA_START_TIMEOUT SETTLE_START_TIMEOUT SETTLE_STOP_TIMEOUT \
  SETTLE_PG_BIN SETTLE_TEMPORAL_ADDRESS SETTLE_TEMPORAL_NAMESPACE

SETTLE_DATA="$SETTLE_HOME/data"
SETTLE_RUN="$SETTLE_HOME/run"
SETTLE_LOGS="$SETTLE_HOME/logs"

# The Temporal engine: `dev` (the CLI's dev server, SQLite, one history shard: deploy/temporal/dev-server.sh)
# or `cluster` (Temporal's own server and Web UI server built from their Go modules, on this stack's
# PostgreSQL, 8 history shards: deploy/temporal/cluster.sh and ui-server.sh). Unset, it is the engine the
# stack was started with (run/engine, written by `up` and `start temporal`, removed by `down`), so that
# `status`, `stop` or `down` without the variable reach the parts that run; else dev.
# A value derived here is derived again: it is exported, and a nested bin/settle (the test stacks of
# `bin/settle test`, with their own SETTLE_HOME) must not inherit the outer stack's engine. The marker
# holds the value derived, not a flag: a nested stack given SETTLE_ENGINE=cluster inside a derived dev
# (ClusterIT under `bin/settle test`) has asked for it, and a flag alone made it dev again.
if [[ -z ${SETTLE_ENGINE:-} || ${SETTLE_ENGINE_DERIVED:-} == "$SETTLE_ENGINE" ]]; then
  SETTLE_ENGINE="$(cat "$SETTLE_RUN/engine" 2>/dev/null || true)"
  : "${SETTLE_ENGINE:=dev}"
  SETTLE_ENGINE_DERIVED="$SETTLE_ENGINE"
fi
export SETTLE_ENGINE SETTLE_ENGINE_DERIVED

# The parts, in start order; Prometheus only when asked for (it can still be started and stopped
# by name, and `down` stops it when it runs).
# On the cluster engine, Temporal's Web UI is a part of its own (temporal-ui).
if [[ $SETTLE_ENGINE == cluster ]]; then
  SETTLE_PARTS=(postgres temporal temporal-ui upstream worker gateway)
else
  SETTLE_PARTS=(postgres temporal upstream worker gateway)
fi
[[ $SETTLE_PROMETHEUS != 1 ]] || SETTLE_PARTS+=(prometheus)

is_part() {
  local p
  for p in "${SETTLE_PARTS[@]}" prometheus; do [[ $p == "$1" ]] && return 0; done
  return 1
}

part_port() {
  case $1 in
    postgres) echo "$SETTLE_PG_PORT" ;;
    temporal) echo "$SETTLE_TEMPORAL_PORT" ;;
    temporal-ui) echo "$SETTLE_TEMPORAL_UI_PORT" ;;
    upstream) echo "$SETTLE_UPSTREAM_PORT" ;;
    worker) echo "$SETTLE_WORKER_PORT" ;;
    gateway) echo "$SETTLE_GATEWAY_PORT" ;;
    prometheus) echo "$SETTLE_PROMETHEUS_PORT" ;;
  esac
}

# A word of the command line that tells the part's process apart from whatever
# process may have reused its pid.
part_marker() {
  case $1 in
    postgres) echo "postgres" ;;
    temporal) if [[ $SETTLE_ENGINE == cluster ]]; then echo "$SETTLE_RUN/temporal-cluster.yaml"; else echo "start-dev"; fi ;;
    temporal-ui) echo "--root=$SETTLE_RUN/temporal-ui" ;;
    upstream) echo "upstream-sim.jar" ;;
    worker) echo "settle-worker.jar" ;;
    gateway) echo "settle-gateway.jar" ;;
    prometheus) echo "--storage.tsdb.path=$SETTLE_DATA/prometheus" ;;
  esac
}

# The address a client uses to reach a server bound to SETTLE_BIND.
connect_host() {
  case $SETTLE_BIND in
    0.0.0.0 | '::' | '[::]') echo 127.0.0.1 ;;
    *) echo "$SETTLE_BIND" ;;
  esac
}

# Where upstream-sim calls back when a payment settles: this stack's gateway. Set it to another URL,
# or empty to send none. A value this file derived is derived again: it is exported, so a nested
# bin/settle (the test stacks started from `bin/settle test`, on other ports) must not inherit the
# outer stack's gateway port.
if [[ -z ${SETTLE_UPSTREAM_WEBHOOK_URL+set} || ${SETTLE_UPSTREAM_WEBHOOK_URL_DERIVED:-} == 1 ]]; then
  SETTLE_UPSTREAM_WEBHOOK_URL="http://$(connect_host):$SETTLE_GATEWAY_PORT/v1/webhooks/upstream"
  SETTLE_UPSTREAM_WEBHOOK_URL_DERIVED=1
fi
export SETTLE_WEBHOOK_SECRET SETTLE_UPSTREAM_WEBHOOK_URL SETTLE_UPSTREAM_WEBHOOK_URL_DERIVED

check_config() {
  local v
  [[ $SETTLE_ENGINE == dev || $SETTLE_ENGINE == cluster ]] ||
    { echo "settle: SETTLE_ENGINE must be dev or cluster, got '$SETTLE_ENGINE'" >&2; return 1; }
  for v in SETTLE_GATEWAY_PORT SETTLE_UPSTREAM_PORT SETTLE_WORKER_PORT SETTLE_TEMPORAL_PORT \
    SETTLE_TEMPORAL_UI_PORT SETTLE_PG_PORT SETTLE_PROMETHEUS_PORT SETTLE_JAVA_START_TIMEOUT SETTLE_START_TIMEOUT \
    SETTLE_STOP_TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "settle: $v must be a number, got '${!v}'" >&2; return 1; }
  done
}
check_config
