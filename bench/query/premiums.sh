#!/usr/bin/env bash
# Builds premiums_bench in Release and runs it against a throwaway
# PostgreSQL: GetSkillPremiums' uncached latency at 1M + 1M records, its
# effect on other calls while it runs, and its deadline (see the top of
# premiums_bench.cc). Arguments go to premiums_bench (query_bench's flags).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD_DIR=${BUILD_DIR:-build-bench}
scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target premiums_bench compdata-server
state="$PWD/$BUILD_DIR/premiums-bench-pg"
trap 'scripts/pg.sh stop "$state"' EXIT
COMPDATA_BENCH_DATABASE_URL=$(scripts/pg.sh start "$state")
export COMPDATA_BENCH_DATABASE_URL
"$BUILD_DIR/bench/query/premiums_bench" "$@"
