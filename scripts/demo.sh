#!/usr/bin/env bash
# The main job on one machine: a local PostgreSQL, the server on a free
# port, the schema migrated, then the CLI asks it for health and roles.
# Everything it starts is stopped when it exits.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${BUILD_DIR:-build}
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja >/dev/null
cmake --build "$BUILD_DIR" --target compdata-server compdata >/dev/null

state="$PWD/$BUILD_DIR/demo"
mkdir -p "$state"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" || true
  scripts/pg.sh stop "$state/pg"
}
trap cleanup EXIT

url=$(scripts/pg.sh start "$state/pg")
echo "PostgreSQL: $url"
rm -f "$state/port"
"$BUILD_DIR/server/compdata-server" --database_url="$url" \
  --listen_address=127.0.0.1:0 --port_file="$state/port" 2>"$state/server.log" &
server_pid=$!
for _ in $(seq 100); do [[ -s "$state/port" ]] && break; sleep 0.1; done
[[ -s "$state/port" ]] || { cat "$state/server.log" >&2; exit 1; }
export COMPDATA_TARGET="127.0.0.1:$(cat "$state/port")"
echo "compdata-server: $COMPDATA_TARGET"

cli="$BUILD_DIR/client/compdata"
echo; echo "\$ compdata health"; "$cli" health
echo; echo "\$ compdata roles"; "$cli" roles
