#!/usr/bin/env bash
# Builds query_bench in Release and runs it against a throwaway PostgreSQL:
# GetSalaryDistribution and CompareRoles vs the health RPC and vs the same
# questions in SQL, cold start and memory per record, all in one run.
#
#   bench/query/run.sh                                  # 1M postings + 1M reports
#   bench/query/run.sh --postings=200000 --reports=200000   # quick
#
# Arguments go to query_bench (see the top of query_bench.cc).
# BUILD_DIR (default build-bench) is the build tree; the PostgreSQL lives
# under it while the run lasts and is deleted afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD_DIR=${BUILD_DIR:-build-bench}
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target query_bench compdata-server
state="$PWD/$BUILD_DIR/query-bench-pg"
trap 'scripts/pg.sh stop "$state"' EXIT
COMPDATA_BENCH_DATABASE_URL=$(scripts/pg.sh start "$state")
export COMPDATA_BENCH_DATABASE_URL
"$BUILD_DIR/bench/query/query_bench" "$@"
