#!/usr/bin/env bash
# Builds freshness_bench in Release and runs it against a throwaway
# PostgreSQL: how fast committed batches reach reads, ingest rate against
# psql \copy, server CPU and memory, at each database size.
#
#   bench/query/freshness.sh                                 # 1M, 200 batches
#   bench/query/freshness.sh --sizes=1000000,10000000        # the issue's goals
#   bench/query/freshness.sh --sizes=200000 --batches=100    # quick
#
# Arguments go to freshness_bench (see the top of freshness_bench.cc).
# BUILD_DIR (default build-bench) is the build tree; the PostgreSQL lives
# under it while the run lasts and is deleted afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD_DIR=${BUILD_DIR:-build-bench}
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target freshness_bench compdata-server
state="$PWD/$BUILD_DIR/freshness-bench-pg"
trap 'scripts/pg.sh stop "$state"' EXIT
COMPDATA_BENCH_DATABASE_URL=$(scripts/pg.sh start "$state")
export COMPDATA_BENCH_DATABASE_URL
# The server runs as the image runs it (see Dockerfile).
export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
"$BUILD_DIR/bench/query/freshness_bench" "$@"
