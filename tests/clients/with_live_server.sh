#!/usr/bin/env bash
# Runs a command against a live compdata-server holding real data, for the
# client suites in other languages (and the installed-package consumer).
#
#   tests/clients/with_live_server.sh BIN_DIR PG_STATE COMMAND [ARGS...]
#
# It creates a fresh database in the run's PostgreSQL (PG_STATE/url, started
# by the pg_start fixture), starts BIN_DIR/server/compdata-server on a free
# loopback port, loads db/seed and a small generated data set through the
# ingest RPCs with the C++ CLI, waits until reads see that data, then runs
# COMMAND with:
#   COMPDATA_TARGET      127.0.0.1:<port>
#   COMPDATA_METRICS_TARGET  127.0.0.1:<metrics port> (/metrics)
#   COMPDATA_CLI         the C++ CLI (built on compdata::Client)
#   COMPDATA_AS_OF       the generated data's "now" (RFC 3339)
#   COMPDATA_SOURCE_DIR  the checkout
#   LIVE_DATABASE_URL, LIVE_SERVER_BIN  the database and the server binary
# The server and the database are removed when it exits.
set -euo pipefail

bin_dir=$(cd "$1" && pwd)
pg_state=$2
shift 2
src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
as_of=2026-01-15T00:00:00Z

base_url=$(cat "$pg_state/url")
db="clients_$$_$RANDOM"
db_url="${base_url%/*}/$db"
work=$(mktemp -d /tmp/compdata-clients.XXXXXX)
source "$src_dir/scripts/lib/live_server.sh"
cleanup() {
  stop_server
  psql -q "$base_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -q "$base_url" -c "CREATE DATABASE $db" >/dev/null
start_server "$bin_dir/server/compdata-server" "$db_url" "$work"
export COMPDATA_CLI="$bin_dir/client/compdata"
# For suites that start more servers on the same data (not COMPDATA_*: the
# server would read that name itself).
export LIVE_DATABASE_URL="$db_url"
export LIVE_SERVER_BIN="$bin_dir/server/compdata-server"
export COMPDATA_AS_OF="$as_of"
export COMPDATA_SOURCE_DIR="$src_dir"
LOAD_QUIET=1 load_data "$COMPDATA_CLI" "$bin_dir/datagen/compdata-gen" \
  "$src_dir" "$work" "$as_of" --postings=5000 --reports=2000

"$@"
