#!/usr/bin/env bash
# The main job on one machine: a local PostgreSQL, compdata-server on a free
# port, the reference data from db/seed and a generated data set loaded
# through the ingest RPCs, then the two reference pages' comparisons printed
# from the read RPCs. Everything it starts is stopped when it exits.
#
#   scripts/demo.sh [compdata-gen flags, e.g. --postings=1000000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${BUILD_DIR:-build}
# The generated data describe the market as of this time (the pages' date);
# demand figures are asked for at the same moment.
AS_OF=2026-01-15T00:00:00Z
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja >/dev/null
cmake --build "$BUILD_DIR" --target compdata-server compdata compdata-gen >/dev/null

state="$PWD/$BUILD_DIR/demo"
mkdir -p "$state"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" || true
  fi
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
"$cli" health

echo; echo "== loading reference data and a generated data set"
for kind in roles skills role_levels role_transitions; do
  "$cli" load "db/seed/$kind.jsonl"
done
"$BUILD_DIR/datagen/compdata-gen" --out="$state/data" --as_of="$AS_OF" "$@"
"$cli" load "$state/data/postings.csv"
last=$("$cli" load "$state/data/reports.csv")
echo "$last"
version=${last##*data version }
version=${version%% *}

# Reads answer from the server's snapshot: wait until it has the last load.
for _ in $(seq 300); do
  "$cli" roles | grep -q "data version $version)" && break
  sleep 0.1
done

echo; echo "== AI/ML Engineer vs AI Software Engineer"
"$cli" compare ai-ml-engineer ai-software-engineer --at="$AS_OF"
echo; echo "== AI Engineer vs Software Engineer"
"$cli" compare ai-engineer software-engineer --at="$AS_OF"
for role in ai-engineer software-engineer; do
  echo; "$cli" premiums "$role"
done
for role in ai-engineer software-engineer ai-ml-engineer ai-software-engineer; do
  echo; "$cli" career "$role"
done
echo; "$cli" role ai-engineer
