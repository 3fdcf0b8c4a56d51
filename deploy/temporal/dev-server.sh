#!/usr/bin/env bash
# Temporal for Settle: the CLI's dev server (`temporal server start-dev`), state in a SQLite
# file ($SETTLE_HOME/data/temporal.db, kept across restarts), the Web UI, namespace `default`,
# and the custom search attributes of search-attributes.txt.
#
#   dev-server.sh start    start in the background, wait until serving with the search attributes
#   dev-server.sh stop     SIGTERM, SIGKILL after $SETTLE_STOP_TIMEOUT s
#   dev-server.sh status   one status line; exit 0 when running and healthy
#   dev-server.sh health   exit 0 when the frontend serves and the search attributes exist
#
# The dev server's other ports (HTTP API, internal services) are random free ports, and so is its
# metrics port unless SETTLE_TEMPORAL_METRICS_PORT is set, so two stacks on one machine do not
# collide; the metrics port in use is written to $SETTLE_HOME/run/temporal-metrics.port (for
# deploy/prometheus/prometheus.sh).
set -euo pipefail

# shellcheck source=bin/lib/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/config.sh"
# shellcheck source=bin/lib/proc.sh
source "$SETTLE_ROOT/bin/lib/proc.sh"
# shellcheck source=bin/lib/tools.sh
source "$SETTLE_ROOT/bin/lib/tools.sh"
# shellcheck source=bin/lib/temporal.sh
source "$SETTLE_ROOT/bin/lib/temporal.sh"

cmd_health() { temporal_healthy; }

cmd_start() {
  local tcli args attr pragma metrics_port
  tcli="$(temporal_cli)" || die "Temporal CLI missing in $SETTLE_TOOLS: run bin/settle install"
  if part_running temporal; then
    say "temporal: already running (pid $(part_pid temporal))"
    return 0
  fi
  ensure_state_dirs
  require_port_free temporal "$SETTLE_TEMPORAL_PORT"
  require_port_free temporal-ui "$SETTLE_TEMPORAL_UI_PORT"
  args=(server start-dev --ip "$SETTLE_BIND" --port "$SETTLE_TEMPORAL_PORT"
    --ui-port "$SETTLE_TEMPORAL_UI_PORT"
    --db-filename "$SETTLE_DATA/temporal.db" --namespace default --log-level warn)
  for attr in $(search_attributes); do args+=(--search-attribute "$attr"); done
  metrics_port="${SETTLE_TEMPORAL_METRICS_PORT:-$(free_port)}"
  args+=(--metrics-port "$metrics_port")
  for pragma in $SETTLE_TEMPORAL_SQLITE_PRAGMAS; do args+=(--sqlite-pragma "$pragma"); done
  start_bg temporal "$SETTLE_ROOT" "$tcli" "${args[@]}"
  wait_healthy temporal "$SETTLE_START_TIMEOUT" cmd_health
  echo "$metrics_port" >"$SETTLE_RUN/temporal-metrics.port"
  say "temporal: serving on $(address), Web UI http://$(connect_host):$SETTLE_TEMPORAL_UI_PORT (pid $(part_pid temporal))"
}

run_part_script temporal "$@"
