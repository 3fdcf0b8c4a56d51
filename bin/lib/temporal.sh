# shellcheck shell=bash
# What the two Temporal engines' scripts share (deploy/temporal/dev-server.sh and cluster.sh): the CLI,
# the search attributes of search-attributes.txt, the frontend's address, free ports, the health check.

ATTRIBUTES_FILE="$SETTLE_ROOT/deploy/temporal/search-attributes.txt"

cli() {
  local c
  c="$(temporal_cli)" || die "Temporal CLI missing in $SETTLE_TOOLS: run bin/settle install"
  "$c" "$@"
}

# NAME=TYPE lines of the attributes file, without comments and blanks.
search_attributes() { sed -E 's/#.*//; s/[[:space:]]+//g; /^$/d' "$ATTRIBUTES_FILE"; }

address() { echo "$(connect_host):$SETTLE_TEMPORAL_PORT"; }

# A port nothing listens on now, on the bind address.
free_port() {
  python3 -c 'import socket, sys; s = socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' \
    "$SETTLE_BIND"
}

frontend_serving() {
  cli operator cluster health --address "$(address)" --command-timeout 3s 2>/dev/null | grep -q SERVING
}

# The attributes of search-attributes.txt that namespace `default` lacks, one NAME=TYPE a line;
# fails when the list cannot be read.
missing_search_attributes() {
  local listed attr
  listed="$(cli operator search-attribute list --address "$(address)" --namespace default --command-timeout 3s)" ||
    return 1
  for attr in $(search_attributes); do
    awk -v n="${attr%%=*}" -v t="${attr#*=}" '$1 == n && $2 == t { found = 1 } END { exit !found }' \
      <<<"$listed" || echo "$attr"
  done
}

# Healthy: the frontend serves and namespace `default` has every search attribute.
temporal_healthy() {
  local missing
  frontend_serving || return 1
  missing="$(missing_search_attributes)" || return 1
  [[ -z $missing ]]
}
