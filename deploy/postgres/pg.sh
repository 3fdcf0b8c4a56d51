#!/usr/bin/env bash
# PostgreSQL for Settle: one local server, data kept in $SETTLE_HOME/data/pg across restarts,
# with the databases `settle` (the ledger, used by the worker) and `upstream` (upstream-sim).
#
#   pg.sh init     create the data directory (initdb) if there is none
#   pg.sh start    init, start in the background, wait until ready, create missing databases
#   pg.sh stop     fast shutdown (SIGINT), SIGKILL after $SETTLE_STOP_TIMEOUT s
#   pg.sh status   one status line; exit 0 when running and ready
#   pg.sh health   exit 0 when the server accepts connections
#   pg.sh psql ... psql as user postgres against this server
#   pg.sh purge    delete the data directory (the server must be stopped)
#
# PostgreSQL refuses to run as root. As root, the server runs as `nobody`; when `nobody`
# cannot reach $SETTLE_HOME/data (a clone under a 0700 folder), the data directory lives in
# /var/tmp/settle-pg/<sha256 of SETTLE_HOME>/ with a symlink at $SETTLE_HOME/data/pg, and
# the binaries are mirrored to /var/tmp/settle-pg/dist-<version>/ for the same reason.
set -euo pipefail

# shellcheck source=bin/lib/config.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/config.sh"
# shellcheck source=bin/lib/proc.sh
source "$SETTLE_ROOT/bin/lib/proc.sh"

DATABASES=(settle upstream)
PG_USER=nobody
PG_GROUP=nogroup
SHARED_BASE=/var/tmp/settle-pg
DATA_LINK="$SETTLE_DATA/pg"

is_root() { [[ $(id -u) == 0 ]]; }

# Runs a command as the server's user (nobody when we are root), from a directory it can read.
as_pg_user() {
  if is_root; then
    (cd / && setpriv --reuid="$PG_USER" --regid="$PG_GROUP" --clear-groups -- "$@")
  else
    "$@"
  fi
}

pg_user_can_reach() { as_pg_user test -x "$1" 2>/dev/null; }

# The bin/ directory the server's user can execute.
server_bin() {
  local version mirror
  [[ -x $SETTLE_PG_BIN/postgres ]] || die "PostgreSQL binaries missing in $SETTLE_PG_BIN: run bin/settle install"
  if ! is_root || pg_user_can_reach "$SETTLE_PG_BIN/postgres"; then
    echo "$SETTLE_PG_BIN"
    return
  fi
  version="$(cat "$SETTLE_TOOLS/pg/.version")"
  mirror="$SHARED_BASE/dist-$version"
  if [[ ! -x $mirror/bin/postgres ]]; then
    install -d -m 0755 "$SHARED_BASE"
    rm -rf "$mirror.tmp"
    cp -a "$SETTLE_TOOLS/pg" "$mirror.tmp"
    chmod -R a+rX "$mirror.tmp"
    mv "$mirror.tmp" "$mirror"
  fi
  echo "$mirror/bin"
}

# Prints the real data directory, creating it (and the symlink) when missing.
data_dir() {
  local real
  if [[ -L $DATA_LINK ]]; then
    real="$(readlink -m "$DATA_LINK")"
    [[ -d $real ]] || install -d -m 0700 -o "$PG_USER" -g "$PG_GROUP" "$real"
    echo "$real"
    return
  fi
  ensure_state_dirs
  if [[ -d $DATA_LINK ]]; then
    echo "$DATA_LINK"
  elif ! is_root; then
    install -d -m 0700 "$DATA_LINK" && echo "$DATA_LINK"
  elif pg_user_can_reach "$SETTLE_DATA"; then
    install -d -m 0700 -o "$PG_USER" -g "$PG_GROUP" "$DATA_LINK" && echo "$DATA_LINK"
  else
    real="$SHARED_BASE/$(printf '%s' "$SETTLE_HOME" | sha256sum | cut -c1-16)/pg"
    # Left over from an earlier state dir at the same path, now deleted: start afresh.
    [[ -f $real/postmaster.pid ]] && pid_alive "$(head -1 "$real/postmaster.pid")" &&
      die "a PostgreSQL server still runs on $real (pid $(head -1 "$real/postmaster.pid"))"
    rm -rf "$real"
    install -d -m 0755 "$SHARED_BASE" "$(dirname "$real")"
    install -d -m 0700 -o "$PG_USER" -g "$PG_GROUP" "$real"
    ln -s "$real" "$DATA_LINK"
    say "postgres: $SETTLE_DATA is not reachable by $PG_USER; data lives in $real (symlink $DATA_LINK)" >&2
    echo "$real"
  fi
}

cmd_init() {
  local bin data
  bin="$(server_bin)"
  data="$(data_dir)"
  [[ -f $data/PG_VERSION ]] && return 0
  say "postgres: initdb in $data"
  find "$data" -mindepth 1 -delete # a half-done earlier initdb
  as_pg_user "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale \
    >>"$(log_file postgres)" 2>&1 || {
    show_log_tail postgres
    die "initdb failed"
  }
}

client() { "$SETTLE_PG_BIN/$1" -h "$(connect_host)" -p "$SETTLE_PG_PORT" -U postgres "${@:2}"; }

cmd_health() { client pg_isready -d postgres -q -t 2; }

create_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    if [[ $(client psql -d postgres -XtAc "SELECT 1 FROM pg_database WHERE datname = '$db'") != 1 ]]; then
      client psql -d postgres -Xq -c "CREATE DATABASE \"$db\"" || die "could not create database $db"
      say "postgres: created database $db"
    fi
  done
}

cmd_start() {
  local bin data
  if part_running postgres; then
    say "postgres: already running (pid $(part_pid postgres))"
    create_databases
    return 0
  fi
  require_port_free postgres "$SETTLE_PG_PORT"
  ensure_state_dirs
  cmd_init
  bin="$(server_bin)"
  data="$(data_dir)"
  if is_root; then
    start_bg postgres / setpriv --reuid="$PG_USER" --regid="$PG_GROUP" --clear-groups -- \
      "$bin/postgres" -D "$data" -c listen_addresses="$SETTLE_BIND" -p "$SETTLE_PG_PORT" -k ''
  else
    start_bg postgres / "$bin/postgres" -D "$data" \
      -c listen_addresses="$SETTLE_BIND" -p "$SETTLE_PG_PORT" -k ''
  fi
  wait_healthy postgres "$SETTLE_START_TIMEOUT" cmd_health
  create_databases
  say "postgres: ready on $(connect_host):$SETTLE_PG_PORT (pid $(part_pid postgres))"
}

# SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions instead of waiting for them.
cmd_stop() { stop_part postgres INT "$SETTLE_STOP_TIMEOUT"; }

cmd_status() { status_line postgres cmd_health; }

cmd_purge() {
  local real
  part_running postgres && die "postgres is running; stop it first"
  if [[ -L $DATA_LINK ]]; then
    real="$(readlink -m "$DATA_LINK")"
    rm -rf "$real"
    rmdir "$(dirname "$real")" 2>/dev/null || true
  fi
  rm -rf "$DATA_LINK"
}

case ${1:-} in
  init) cmd_init ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  health) cmd_health ;;
  psql) client psql -d "${PGDATABASE:-settle}" "${@:2}" ;;
  purge) cmd_purge ;;
  *)
    echo "usage: $0 init|start|stop|status|health|psql [args]|purge" >&2
    exit 2
    ;;
esac
