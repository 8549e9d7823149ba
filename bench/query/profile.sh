#!/usr/bin/env bash
# Server instructions per call, counted by callgrind (valgrind): the health
# Check, GetSalaryDistribution, CompareRoles and CompareRoles masked to
# roles.pay,verdicts (PROFILE_RPCS="health compare_masked" picks some), on
# requests the response cache cannot answer (each adds a percentile unique to it, as query_bench's
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
source bench/query/callgrind_lib.sh
prepare_profile profile "$@"
health=0
for rpc in ${PROFILE_RPCS:-health distribution compare compare_masked}; do
  per_call=$(per_call_instructions "$rpc" "$rpc" "$calls")
  ((health)) || health=$per_call
  awk -v rpc="$rpc" -v h="$health" -v c="$per_call" 'BEGIN {
    printf "%-14s %8d instructions per call   health / %s = %.3f\n", rpc, c, rpc, h / c
  }'
done
