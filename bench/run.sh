#!/usr/bin/env bash
# Builds and runs the benchmarks against a throwaway PostgreSQL. Each prints
# its ratio against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build}
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target pool_overhead_bench ingest_bench compdata-server
state="$PWD/$BUILD_DIR/bench-pg"
trap 'scripts/pg.sh stop "$state"' EXIT
export COMPDATA_BENCH_DATABASE_URL=$(scripts/pg.sh start "$state")
"$BUILD_DIR/bench/pool_overhead_bench"
"$BUILD_DIR/bench/ingest_bench" "$@"
