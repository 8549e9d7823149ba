# Sourced by bench/query/profile.sh and bench/query/metrics.sh (after
# scripts/lib/live_server.sh), with $server (the binary), $url (a database
# holding data), $work (a scratch directory) and $driver (the
# profile_calls.py command) set.
#
#   per_call_instructions NAME RPC CALLS
#     Starts the server under callgrind (with $SERVER_FLAGS, if set), makes
#     200 warm-up calls of RPC, zeroes the counts, makes CALLS calls whose
#     requests no cache can answer, and prints the server's instructions per
#     call. The counts stay in $work/callgrind.NAME.1.
per_call_instructions() {
  local name=$1 rpc=$2 calls=$3
  local out="$work/callgrind.$name" total
  rm -f "$out" "$out".*
  start_server "$server" "$url" "$work" \
    valgrind --tool=callgrind --callgrind-out-file="$out"
  "${driver[@]}" "$COMPDATA_TARGET" "$rpc" 200 0
  callgrind_control -z "$server_pid" >/dev/null 2>&1
  "${driver[@]}" "$COMPDATA_TARGET" "$rpc" "$calls" 1000000
  callgrind_control -d "$server_pid" >/dev/null 2>&1
  stop_server
  total=$(callgrind_annotate "$out.1" 2>/dev/null |
    awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
  echo $((total / calls))
}
