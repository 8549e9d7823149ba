#!/usr/bin/env bash
# Builds metrics_bench in Release and runs it against a throwaway PostgreSQL:
# the throughput of a server that observes every call (metrics, call logs,
# scraped every second) against one that observes none, per RPC.
#
#   bench/query/metrics.sh                                   # 1M + 1M records
#   bench/query/metrics.sh --postings=200000 --reports=200000  # quicker
#
# Arguments go to metrics_bench (the flags of query_bench, bench_options.cc).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD_DIR=${BUILD_DIR:-build-bench}
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target metrics_bench compdata-server
state="$PWD/$BUILD_DIR/metrics-bench-pg"
trap 'scripts/pg.sh stop "$state"' EXIT
COMPDATA_BENCH_DATABASE_URL=$(scripts/pg.sh start "$state")
export COMPDATA_BENCH_DATABASE_URL
"$BUILD_DIR/bench/query/metrics_bench" "$@"
