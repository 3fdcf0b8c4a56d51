#!/usr/bin/env bash
# Temporal's Web UI for SETTLE_ENGINE=cluster: the UI server (github.com/temporalio/ui-server/v2, built by
# bin/lib/tools.sh) on SETTLE_TEMPORAL_UI_PORT, against the cluster's frontend on SETTLE_TEMPORAL_PORT.
# (With the dev engine the dev server serves the UI itself.) It keeps no state.
#
#   ui-server.sh start    start in the background, wait until it serves the UI and the cluster's namespaces
#   ui-server.sh stop     SIGTERM, SIGKILL after $SETTLE_STOP_TIMEOUT s
#   ui-server.sh status   one status line; exit 0 when running and healthy
#   ui-server.sh health   exit 0 when the UI server answers and reaches the frontend
set -euo pipefail

# shellcheck source=bin/lib/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/config.sh"
# shellcheck source=bin/lib/proc.sh
source "$SETTLE_ROOT/bin/lib/proc.sh"
# shellcheck source=bin/lib/tools.sh
source "$SETTLE_ROOT/bin/lib/tools.sh"

TEMPLATE="$SETTLE_ROOT/deploy/temporal/cluster/ui.yaml"
ROOT="$SETTLE_RUN/temporal-ui"

url() { echo "http://$(connect_host):$SETTLE_TEMPORAL_UI_PORT"; }

# The UI's own API lists the namespaces through the frontend: healthy means both ends work.
cmd_health() { curl -fsS --max-time 3 "$(url)/api/v1/namespaces" | grep -q '"default"'; }

cmd_start() {
  local bin
  bin="$(temporal_cluster_dir)/bin/temporal-ui-server"
  [[ -x $bin ]] || die "$bin missing: run SETTLE_ENGINE=cluster bin/settle install"
  if part_running temporal-ui; then
    say "temporal-ui: already running (pid $(part_pid temporal-ui))"
    return 0
  fi
  require_port_free temporal-ui "$SETTLE_TEMPORAL_UI_PORT"
  mkdir -p "$ROOT/config"
  # shellcheck disable=SC2016 # the variables envsubst may replace, not expansions
  FRONTEND_ADDRESS="$(connect_host):$SETTLE_TEMPORAL_PORT" CONNECT_HOST="$(connect_host)" \
    envsubst '${FRONTEND_ADDRESS} ${SETTLE_BIND} ${SETTLE_TEMPORAL_UI_PORT} ${CONNECT_HOST}' \
    <"$TEMPLATE" >"$ROOT/config/development.yaml"
  start_bg temporal-ui "$ROOT" "$bin" "--root=$ROOT" --config config --env development start
  wait_healthy temporal-ui "$SETTLE_START_TIMEOUT" cmd_health
  say "temporal-ui: Web UI http://$(connect_host):$SETTLE_TEMPORAL_UI_PORT (pid $(part_pid temporal-ui))"
}

run_part_script temporal-ui "$@"
