#!/usr/bin/env bash
# What observing every call costs, in server instructions per call counted
# by callgrind (a throughput run on two cores shared with the load
# generator drifts by several percent between identical servers; these
# counts do not). Per RPC, on requests no cache can answer:
#   on   the defaults: grpc_server_* metrics, the failed/slow call logs,
#        the /metrics endpoint
#   off  --observe_rpcs=false --metrics_address=: none of it
# and cost = on / off - 1 (goal: under 2%). Then the instructions of one
# scrape of /metrics, and what a scrape every 15 s adds per call at a given
# call rate.
#
#   bench/query/metrics.sh [--calls=N] [compdata-gen flags]
#     default: 2000 calls each, on 200000 postings + 100000 reports
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source bench/query/callgrind_lib.sh
prepare_profile metrics-cost "$@"
# The lowest of three runs per configuration: runs of the same binary
# differ by up to 16%, all of it gRPC's own threads spinning on contended
# absl mutexes (valgrind runs one thread at a time) and background wake-ups
# over a longer run; both only add instructions, so the least is the call.
lowest_of_three() {
  local least=0 n i
  for i in a b c; do
    n=$(per_call_instructions "$1.$i" "$2" "$calls")
    ((least == 0 || n < least)) && least=$n
  done
  echo "$least"
}
printf "%-14s %12s %12s %8s\n" rpc "on instr" "off instr" cost
for rpc in health distribution compare; do
  on=$(SERVER_FLAGS="" lowest_of_three "$rpc.on" "$rpc")
  off=$(SERVER_FLAGS="--observe_rpcs=false --metrics_address=" \
    lowest_of_three "$rpc.off" "$rpc")
  [[ "$rpc" == health ]] && health_on=$on
  awk -v rpc="$rpc" -v on="$on" -v off="$off" 'BEGIN {
    cost = on / off - 1
    printf "%-14s %12d %12d %7.2f%% %s\n", rpc, on, off, 100 * cost,
      cost < 0.02 ? "(goal < 2%: met)" : "(goal < 2%: NOT met)"
  }'
done

# One scrape: the server under callgrind, 20 scrapes after a warm-up one.
out="$work/callgrind.scrape"
rm -f "$out" "$out".*
start_server "$server" "$url" "$work" \
  valgrind --tool=callgrind --callgrind-out-file="$out"
metrics="http://$COMPDATA_METRICS_TARGET/metrics"
curl -sf "$metrics" >/dev/null
callgrind_control -z "$server_pid" >/dev/null 2>&1
for _ in $(seq 20); do curl -sf "$metrics" >/dev/null; done
callgrind_control -d "$server_pid" >/dev/null 2>&1
stop_server
scrape=$(($(callgrind_annotate "$out.1" 2>/dev/null |
  awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }') / 20))
awk -v s="$scrape" -v h="$health_on" 'BEGIN {
  printf "one scrape of /metrics: %d instructions, %.0f health calls'"'"' worth; every 15 s that is %.1f health calls a second\n", s, s / h, s / h / 15
}'
