#!/usr/bin/env bash
# Prometheus beside the local stack (`SETTLE_PROMETHEUS=1 bin/settle up`): the config and rules of
# this folder, copied into $SETTLE_HOME/run/prometheus/ with targets/*.json naming this stack's
# gateway, worker and Temporal dev server; its data in $SETTLE_HOME/data/prometheus.
#
#   prometheus.sh start    start in the background, wait until ready
#   prometheus.sh stop     SIGTERM, SIGKILL after $SETTLE_STOP_TIMEOUT s
#   prometheus.sh status   one status line; exit 0 when running and ready
#   prometheus.sh health   exit 0 when ready
#
# SETTLE_PROMETHEUS_INTERVAL (default 15s) replaces the config's scrape and evaluation intervals.
set -euo pipefail

# shellcheck source=bin/lib/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/config.sh"
# shellcheck source=bin/lib/proc.sh
source "$SETTLE_ROOT/bin/lib/proc.sh"

HERE="$SETTLE_ROOT/deploy/prometheus"
RUN_DIR="$SETTLE_RUN/prometheus"

url() { echo "http://$(connect_host):$SETTLE_PROMETHEUS_PORT"; }

cmd_health() { curl -fsS -o /dev/null --max-time 3 "$(url)/-/ready"; }

# targets FILE HOST:PORT: a file_sd targets file with one target (none when the port is unknown).
targets() {
  if [[ -n $2 ]]; then
    printf '[{"targets": ["%s"]}]\n' "$2" >"$1"
  else
    echo '[]' >"$1"
  fi
}

cmd_start() {
  local prom h temporal_port=""
  prom="$(command -v prometheus)" || die "prometheus not found: run bin/settle install"
  if part_running prometheus; then
    say "prometheus: already running (pid $(part_pid prometheus))"
    return 0
  fi
  ensure_state_dirs
  require_port_free prometheus "$SETTLE_PROMETHEUS_PORT"
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR/targets" "$SETTLE_DATA/prometheus"
  cp -R "$HERE/rules" "$RUN_DIR/rules"
  # The interval for both scrapes and rule evaluations; a scrape may take as long as the interval.
  sed -E "s/^(  (scrape_interval|evaluation_interval|scrape_timeout):) .*/\1 $SETTLE_PROMETHEUS_INTERVAL/" \
    "$HERE/prometheus.yml" >"$RUN_DIR/prometheus.yml"
  h="$(connect_host)"
  targets "$RUN_DIR/targets/gateway.json" "$h:$SETTLE_GATEWAY_PORT"
  targets "$RUN_DIR/targets/worker.json" "$h:$SETTLE_WORKER_PORT"
  [[ -f $SETTLE_RUN/temporal-metrics.port ]] && temporal_port="$(<"$SETTLE_RUN/temporal-metrics.port")"
  [[ -n $temporal_port ]] || warn "prometheus: the dev server's metrics port is unknown; not scraping Temporal"
  targets "$RUN_DIR/targets/temporal.json" "${temporal_port:+$h:$temporal_port}"
  start_bg prometheus "$RUN_DIR" "$prom" \
    "--config.file=$RUN_DIR/prometheus.yml" \
    "--storage.tsdb.path=$SETTLE_DATA/prometheus" \
    "--web.listen-address=$SETTLE_BIND:$SETTLE_PROMETHEUS_PORT"
  wait_healthy prometheus "$SETTLE_START_TIMEOUT" cmd_health
  say "prometheus: ready on $(url) (pid $(part_pid prometheus))"
}

run_part_script prometheus "$@"
