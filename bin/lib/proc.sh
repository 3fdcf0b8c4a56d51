# shellcheck shell=bash
# Process lifecycle for Settle's parts: pid files, background start, health waits, stop.
# A part runs in its own session (setsid), so its pid is also its process group id.
# "Running" means: the pid in $SETTLE_RUN/<part>.pid is alive and its command line
# still carries the part's marker (see part_marker in config.sh).

say() { echo "settle: $*"; }
warn() { echo "settle: $*" >&2; }
die() {
  warn "error: $*"
  exit 1
}

pid_file() { echo "$SETTLE_RUN/$1.pid"; }
log_file() { echo "$SETTLE_LOGS/$1.log"; }

ensure_state_dirs() { mkdir -p "$SETTLE_DATA" "$SETTLE_RUN" "$SETTLE_LOGS"; }

# Alive and not a zombie.
pid_alive() {
  local state
  [[ -r /proc/$1/stat ]] || return 1
  state="$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# Gone for good: no such process, or a zombie of this shell, which is reaped here (a
# zombie still holds its pid, and PostgreSQL's lock file check would see it as alive).
pid_gone() {
  [[ -e /proc/$1 ]] || return 0
  ! pid_alive "$1" || return 1
  wait "$1" 2>/dev/null || true
  [[ ! -e /proc/$1 ]]
}

# Prints the part's pid when it is running; fails otherwise.
part_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(part_marker "$1")" || return 1
  echo "$pid"
}

part_running() { part_pid "$1" >/dev/null; }

# True when something accepts TCP connections on host:port.
port_open() {
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

require_port_free() {
  local part=$1 port=$2
  if port_open "$(connect_host)" "$port"; then
    die "$part: port $port on $SETTLE_BIND is already in use by another process" \
      "(another Settle stack? set SETTLE_*_PORT or stop it)"
  fi
}

# start_bg PART DIR CMD...: runs CMD in DIR in a new session, detached, output appended
# to the part's log. The process writes its own pid file just before it becomes CMD, so
# the recorded pid is right even when setsid has to fork.
start_bg() {
  local part=$1 dir=$2 pidf log i
  shift 2
  ensure_state_dirs
  pidf="$(pid_file "$part")"
  log="$(log_file "$part")"
  rm -f "$pidf"
  printf '\n=== %s starting %s: %s\n' "$(date '+%F %T')" "$part" "$*" >>"$log"
  # shellcheck disable=SC2016 # expanded by the inner shell
  (cd "$dir" && exec setsid nohup bash -c 'echo $$ >"$0" && exec "$@"' "$pidf" "$@" \
    >>"$log" 2>&1 </dev/null 9>&-) &
  for ((i = 0; i < 50; i++)); do
    [[ -s $pidf ]] && return 0
    sleep 0.1
  done
  show_log_tail "$part"
  die "$part: no pid file after starting it"
}

show_log_tail() {
  local log
  log="$(log_file "$1")"
  [[ -f $log ]] || return 0
  warn "last lines of $log:"
  tail -n "${2:-40}" "$log" | sed 's/^/    /' >&2
}

# wait_healthy PART TIMEOUT CHECK...: waits until CHECK succeeds; on timeout or when the
# process dies, stops what is left, shows the log and fails.
wait_healthy() {
  local part=$1 timeout=$2 deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! part_running "$part"; then
      rm -f "$(pid_file "$part")"
      show_log_tail "$part"
      die "$part exited during startup (log: $(log_file "$part"))"
    fi
    if ((SECONDS >= deadline)); then
      warn "$part is not healthy after ${timeout}s; stopping it"
      stop_part "$part" TERM 10 || true
      show_log_tail "$part"
      die "$part did not become healthy within ${timeout}s (log: $(log_file "$part"))"
    fi
    sleep 1
  done
}

signal_group() {
  local sig=$1 pid=$2
  kill -s "$sig" -- "-$pid" 2>/dev/null || kill -s "$sig" "$pid" 2>/dev/null || true
}

# stop_part PART SIGNAL TIMEOUT: sends SIGNAL to the part's process, SIGKILLs its
# process group after TIMEOUT seconds, removes the pid file.
stop_part() {
  local part=$1 sig=$2 timeout=$3 pid deadline
  if ! pid="$(part_pid "$part")"; then
    rm -f "$(pid_file "$part")"
    say "$part: not running"
    return 0
  fi
  say "$part: stopping (pid $pid, SIG$sig)"
  kill -s "$sig" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  until pid_gone "$pid"; do
    if ((SECONDS >= deadline)); then
      if pid_alive "$pid"; then
        warn "$part did not stop within ${timeout}s; sending SIGKILL"
        kill_part "$part"
        return
      fi
      ((SECONDS < deadline + 10)) || die "$part (pid $pid) exited but was never reaped"
    fi
    sleep 0.2
  done
  signal_group KILL "$pid" # leftovers of the group, if any
  rm -f "$(pid_file "$part")"
}

# SIGKILL to the part's whole process group (crash tests), waits until it is gone.
kill_part() {
  local part=$1 pid deadline
  if ! pid="$(part_pid "$part")"; then
    rm -f "$(pid_file "$part")"
    say "$part: not running"
    return 0
  fi
  signal_group KILL "$pid"
  deadline=$((SECONDS + 10))
  until pid_gone "$pid"; do
    ((SECONDS < deadline)) || die "$part (pid $pid) still there 10s after SIGKILL"
    sleep 0.1
  done
  rm -f "$(pid_file "$part")"
  say "$part: killed (pid $pid)"
}

# One status line; CHECK... decides "healthy". Fails when not running and healthy.
status_line() {
  local part=$1 pid
  shift
  if pid="$(part_pid "$part")"; then
    if "$@" >/dev/null 2>&1; then
      printf '%-10s running  pid %-7s port %-6s healthy\n' "$part" "$pid" "$(part_port "$part")"
    else
      printf '%-10s running  pid %-7s port %-6s NOT healthy\n' "$part" "$pid" "$(part_port "$part")"
      return 1
    fi
  else
    printf '%-10s stopped\n' "$part"
    return 1
  fi
}

# The command line of a part's own script (deploy/*/): start, stop, status or health. The script
# defines cmd_start and cmd_health; stop is SIGTERM, SIGKILL after $SETTLE_STOP_TIMEOUT s.
run_part_script() {
  local part=$1
  shift
  case ${1:-} in
    start) cmd_start ;;
    stop) stop_part "$part" TERM "$SETTLE_STOP_TIMEOUT" ;;
    status) status_line "$part" cmd_health ;;
    health) cmd_health ;;
    *)
      echo "usage: $0 start|stop|status|health" >&2
      exit 2
      ;;
  esac
}
