#!/usr/bin/env bash
# Temporal for Settle with SETTLE_ENGINE=cluster: Temporal's own server (go.temporal.io/server, built by
# bin/lib/tools.sh), all four services in one process, history and SQL visibility in this stack's PostgreSQL
# (databases temporal and temporal_visibility, plugin postgres12), 8 history shards, the dynamic config of
# dynamicconfig/development-sql.yaml, namespace `default` and the search attributes of search-attributes.txt.
# State lives in PostgreSQL, so it survives a restart of the server (and of PostgreSQL).
#
#   cluster.sh start    set up or upgrade both schemas, start in the background, wait until serving,
#                       create the namespace and the search attributes when missing
#   cluster.sh stop     SIGTERM, SIGKILL after $SETTLE_STOP_TIMEOUT s
#   cluster.sh status   one status line; exit 0 when running and healthy
#   cluster.sh health   exit 0 when the frontend serves and the search attributes exist
#   cluster.sh schema   only the schema step (PostgreSQL must be running)
#
# The frontend listens on SETTLE_TEMPORAL_PORT; the other ports (frontend HTTP, the internal services'
# gRPC and membership ports, metrics unless SETTLE_TEMPORAL_METRICS_PORT is set) are free ports chosen on the
# first start and kept in $SETTLE_HOME/data/temporal-cluster.ports, so a restarted server has the same
# addresses as the one it replaces in the membership ring. The metrics port is also written to
# $SETTLE_HOME/run/temporal-metrics.port (for deploy/prometheus/prometheus.sh).
set -euo pipefail

# shellcheck source=bin/lib/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/config.sh"
# shellcheck source=bin/lib/proc.sh
source "$SETTLE_ROOT/bin/lib/proc.sh"
# shellcheck source=bin/lib/tools.sh
source "$SETTLE_ROOT/bin/lib/tools.sh"
# shellcheck source=bin/lib/temporal.sh
source "$SETTLE_ROOT/bin/lib/temporal.sh"

CONFIG_TEMPLATE="$SETTLE_ROOT/deploy/temporal/cluster/temporal.yaml"
DYNAMIC_CONFIG="$SETTLE_ROOT/deploy/temporal/dynamicconfig/development-sql.yaml"
CONFIG="$SETTLE_RUN/temporal-cluster.yaml"
SCHEMA_LOG="$SETTLE_LOGS/temporal-schema.log"
PORTS_FILE="$SETTLE_DATA/temporal-cluster.ports"
INTERNAL_PORTS=(FRONTEND_HTTP_PORT FRONTEND_MEMBERSHIP_PORT HISTORY_PORT HISTORY_MEMBERSHIP_PORT
  MATCHING_PORT MATCHING_MEMBERSHIP_PORT WORKER_PORT WORKER_MEMBERSHIP_PORT METRICS_PORT)
# The namespace's retention: how long a closed operation (and the replay of its key) is kept.
: "${SETTLE_TEMPORAL_RETENTION:=30d}"

tool() {
  local bin
  bin="$(temporal_cluster_dir)/bin/$1"
  [[ -x $bin ]] || die "$bin missing: run SETTLE_ENGINE=cluster bin/settle install"
  echo "$bin"
}

psql_postgres() {
  "$SETTLE_PG_BIN/psql" -h "$(connect_host)" -p "$SETTLE_PG_PORT" -U postgres -d postgres -XtAq "$@"
}

sql_tool() {
  "$(tool temporal-sql-tool)" --plugin postgres12 --ep "$(connect_host)" -p "$SETTLE_PG_PORT" -u postgres \
    --db "$1" "${@:2}"
}

# Creates the database when missing and brings its schema to the version of the server's module.
schema_one() {
  local db=$1 dir=$2 has_version
  if [[ $(psql_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'") != 1 ]]; then
    psql_postgres -c "CREATE DATABASE \"$db\"" || die "could not create database $db"
    say "temporal: created database $db"
  fi
  has_version="$("$SETTLE_PG_BIN/psql" -h "$(connect_host)" -p "$SETTLE_PG_PORT" -U postgres -d "$db" -XtAq \
    -c "SELECT 1 FROM pg_tables WHERE tablename = 'schema_version'")"
  if [[ $has_version != 1 ]]; then
    sql_tool "$db" setup-schema -v 0.0 >>"$SCHEMA_LOG" 2>&1 || die "setup-schema of $db failed (log: $SCHEMA_LOG)"
  fi
  sql_tool "$db" update-schema -d "$dir" >>"$SCHEMA_LOG" 2>&1 || die "update-schema of $db failed (log: $SCHEMA_LOG)"
}

cmd_schema() {
  local schema
  "$SETTLE_PG_BIN/pg_isready" -h "$(connect_host)" -p "$SETTLE_PG_PORT" -q -t 2 ||
    die "temporal: PostgreSQL is not ready on $(connect_host):$SETTLE_PG_PORT (bin/settle start postgres)"
  ensure_state_dirs
  schema="$(temporal_cluster_dir)/schema/postgresql-v12"
  schema_one temporal "$schema/temporal/versioned"
  schema_one temporal_visibility "$schema/visibility/versioned"
}

# A free port below 32768: the membership table (cluster_membership.rpc_port) stores ports as smallint,
# and the kernel's ephemeral range, where free_port's come from, starts at 32768.
free_low_port() {
  python3 -c '
import random, socket, sys
for _ in range(200):
    port = random.randint(20000, 32767)
    s = socket.socket()
    try:
        s.bind((sys.argv[1], port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    sys.exit(0)
sys.exit("no free port in 20000-32767")' "$SETTLE_BIND"
}

# Sets the internal port variables: the ones of the ports file while they are free, new ones otherwise.
choose_ports() {
  local name port
  declare -A kept=()
  if [[ -f $PORTS_FILE ]]; then
    while IFS='=' read -r name port; do kept[$name]=$port; done <"$PORTS_FILE"
  fi
  [[ -z $SETTLE_TEMPORAL_METRICS_PORT ]] || kept[METRICS_PORT]=$SETTLE_TEMPORAL_METRICS_PORT
  : >"$PORTS_FILE.tmp"
  for name in "${INTERNAL_PORTS[@]}"; do
    port="${kept[$name]:-}"
    if [[ -z $port ]] || port_open "$(connect_host)" "$port"; then
      [[ $name != METRICS_PORT || -z $SETTLE_TEMPORAL_METRICS_PORT ]] ||
        die "temporal: SETTLE_TEMPORAL_METRICS_PORT $SETTLE_TEMPORAL_METRICS_PORT is in use"
      if [[ $name == *_MEMBERSHIP_PORT ]]; then port="$(free_low_port)"; else port="$(free_port)"; fi
    fi
    printf -v "$name" '%s' "$port"
    export "${name?}"
    echo "$name=$port" >>"$PORTS_FILE.tmp"
  done
  mv "$PORTS_FILE.tmp" "$PORTS_FILE"
}

write_config() {
  # shellcheck disable=SC2016 # the variables envsubst may replace, not expansions
  PG_HOST="$(connect_host)" BROADCAST_ADDRESS="$(connect_host)" DYNAMIC_CONFIG_FILE="$DYNAMIC_CONFIG" \
    envsubst "$(printf '${%s} ' "${INTERNAL_PORTS[@]}" PG_HOST BROADCAST_ADDRESS DYNAMIC_CONFIG_FILE \
      SETTLE_PG_PORT SETTLE_BIND SETTLE_TEMPORAL_PORT)" <"$CONFIG_TEMPLATE" >"$CONFIG.tmp"
  mv "$CONFIG.tmp" "$CONFIG"
}

# Namespace `default` and the search attributes, each only when missing. A new namespace takes a few
# seconds to reach the frontend's cache, so this retries until the deadline.
setup_namespace() {
  local deadline=$((SECONDS + SETTLE_START_TIMEOUT)) missing attr
  if ! cli operator namespace describe --address "$(address)" --namespace default --command-timeout 5s \
    >/dev/null 2>&1; then
    cli operator namespace create --address "$(address)" --namespace default \
      --retention "$SETTLE_TEMPORAL_RETENTION" --command-timeout 10s >>"$(log_file temporal)" 2>&1 ||
      die "temporal: could not create namespace default (log: $(log_file temporal))"
    say "temporal: created namespace default (retention $SETTLE_TEMPORAL_RETENTION)"
  fi
  until missing="$(missing_search_attributes 2>/dev/null)" && [[ -z $missing ]]; do
    ((SECONDS < deadline)) || die "temporal: search attributes still missing after ${SETTLE_START_TIMEOUT}s: $missing"
    for attr in $missing; do
      cli operator search-attribute create --address "$(address)" --namespace default \
        --name "${attr%%=*}" --type "${attr#*=}" --command-timeout 10s >>"$(log_file temporal)" 2>&1 || true
    done
    sleep 1
  done
}

cmd_health() { temporal_healthy; }

# The server ignores a key it does not know (a typo, or one a newer release renamed): refuse to start with one.
check_dynamic_config() {
  local report
  report="$("$(tool temporal-server)" validate-dynamic-config "$DYNAMIC_CONFIG" 2>&1)" ||
    die "temporal: $DYNAMIC_CONFIG is not valid: $report"
  if grep -qiE 'warning|error' <<<"$report"; then die "temporal: $DYNAMIC_CONFIG: $report"; fi
}

cmd_start() {
  local started=$SECONDS
  if part_running temporal; then
    say "temporal: already running (pid $(part_pid temporal))"
    return 0
  fi
  tool temporal-server >/dev/null
  ensure_state_dirs
  require_port_free temporal "$SETTLE_TEMPORAL_PORT"
  check_dynamic_config
  cmd_schema
  choose_ports
  write_config
  start_bg temporal "$SETTLE_ROOT" "$(tool temporal-server)" --config-file "$CONFIG" --allow-no-auth start
  wait_healthy temporal "$SETTLE_START_TIMEOUT" frontend_serving
  setup_namespace
  wait_healthy temporal "$SETTLE_START_TIMEOUT" cmd_health
  echo "$METRICS_PORT" >"$SETTLE_RUN/temporal-metrics.port"
  say "temporal: cluster serving on $(address), 8 history shards, in $((SECONDS - started)) s (pid $(part_pid temporal))"
}

case ${1:-} in
  schema) cmd_schema ;;
  *) run_part_script temporal "$@" ;;
esac
