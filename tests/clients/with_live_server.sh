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
#   COMPDATA_CLI         the C++ CLI (built on compdata::Client)
#   COMPDATA_AS_OF       the generated data's "now" (RFC 3339)
#   COMPDATA_SOURCE_DIR  the checkout
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
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  fi
  psql -q "$base_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -q "$base_url" -c "CREATE DATABASE $db" >/dev/null
"$bin_dir/server/compdata-server" --database_url="$db_url" \
  --listen_address=127.0.0.1:0 --port_file="$work/port" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 200); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { cat "$work/server.log" >&2; exit 1; }

export COMPDATA_TARGET="127.0.0.1:$(cat "$work/port")"
export COMPDATA_CLI="$bin_dir/client/compdata"
export COMPDATA_AS_OF="$as_of"
export COMPDATA_SOURCE_DIR="$src_dir"

for kind in roles skills role_levels role_transitions; do
  "$COMPDATA_CLI" load --quiet "$src_dir/db/seed/$kind.jsonl" >/dev/null
done
"$bin_dir/datagen/compdata-gen" --out="$work/data" --as_of="$as_of" \
  --postings=5000 --reports=2000 >/dev/null 2>&1
"$COMPDATA_CLI" load --quiet "$work/data/postings.csv" >/dev/null
last=$("$COMPDATA_CLI" load --quiet "$work/data/reports.csv")
version=${last##*data version }
version=${version%% *}
# Reads answer from the server's snapshot: wait until it holds the last load.
for _ in $(seq 300); do
  "$COMPDATA_CLI" roles | grep -q "data version $version)" && break
  sleep 0.1
done

"$@"
