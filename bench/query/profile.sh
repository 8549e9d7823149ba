#!/usr/bin/env bash
# Server instructions per call, counted by callgrind (valgrind): the health
# Check, GetSalaryDistribution and CompareRoles, on requests the response
# cache cannot answer (each adds a percentile unique to it, as query_bench's
# [distinct] mode does). Unlike a throughput run these counts do not drift
# with the host, so they show what a change to the read path costs.
#
#   bench/query/profile.sh [--calls=N] [compdata-gen flags]
#     default: 2000 calls each, on 200000 postings + 100000 reports
#
# Prints per RPC the instructions per call and health's count divided by it:
# the throughput ratio the server alone would reach if it were the only
# thing on the CPU (the client shares the CPU in query_bench). The callgrind
# files stay in $BUILD_DIR/profile/ for callgrind_annotate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD_DIR=${BUILD_DIR:-build-bench}
calls=2000
gen_flags=()
for arg in "$@"; do
  case "$arg" in
    --calls=*) calls=${arg#--calls=} ;;
    *) gen_flags+=("$arg") ;;
  esac
done
((${#gen_flags[@]})) || gen_flags=(--postings=200000 --reports=100000)

scripts/install-deps.sh valgrind
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target compdata-server compdata compdata-gen \
  compdata_python_stubs >/dev/null

work="$PWD/$BUILD_DIR/profile"
mkdir -p "$work"
source scripts/lib/live_server.sh
cleanup() {
  stop_server
  scripts/pg.sh stop "$work/pg"
}
trap cleanup EXIT

url=$(scripts/pg.sh start "$work/pg")
server="$BUILD_DIR/server/compdata-server"
start_server "$server" "$url" "$work"
LOAD_QUIET=1 load_data "$BUILD_DIR/client/compdata" \
  "$BUILD_DIR/datagen/compdata-gen" "$PWD" "$work" 2026-01-15T00:00:00Z \
  "${gen_flags[@]}"
stop_server
echo "data: ${gen_flags[*]}; $calls calls per RPC after 200 warm-up calls"

driver=(/usr/bin/python3 bench/query/profile_calls.py
  --stubs="$BUILD_DIR/python/gen")
source bench/query/callgrind_lib.sh
health=0
for rpc in health distribution compare; do
  per_call=$(per_call_instructions "$rpc" "$rpc" "$calls")
  ((health)) || health=$per_call
  awk -v rpc="$rpc" -v h="$health" -v c="$per_call" 'BEGIN {
    printf "%-14s %8d instructions per call   health / %s = %.3f\n", rpc, c, rpc, h / c
  }'
done
