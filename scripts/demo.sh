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
source scripts/lib/live_server.sh
cleanup() {
  stop_server
  scripts/pg.sh stop "$state/pg"
}
trap cleanup EXIT

url=$(scripts/pg.sh start "$state/pg")
echo "PostgreSQL: $url"
start_server "$BUILD_DIR/server/compdata-server" "$url" "$state"
echo "compdata-server: $COMPDATA_TARGET"
cli="$BUILD_DIR/client/compdata"
"$cli" health

echo; echo "== loading reference data and a generated data set"
load_data "$cli" "$BUILD_DIR/datagen/compdata-gen" "$PWD" "$state" "$AS_OF" "$@"

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
