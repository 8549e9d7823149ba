# Sourced by bench/query/profile.sh and bench/query/metrics.sh, from the
# checkout's root.
#
#   prepare_profile WORK_NAME [--calls=N] [compdata-gen flags]
#     Builds the Release binaries (BUILD_DIR, default build-bench) and
#     valgrind, starts a throwaway PostgreSQL under $BUILD_DIR/WORK_NAME
#     (stopped on exit) and loads db/seed plus generated data (default
#     200000 postings + 100000 reports) through a server. Sets $calls
#     (default 2000), $server, $url, $work and $driver for the function
#     below.
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

prepare_profile() {
  local name=$1
  shift
  BUILD_DIR=${BUILD_DIR:-build-bench}
  calls=2000
  local gen_flags=() arg
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
  work="$PWD/$BUILD_DIR/$name"
  mkdir -p "$work"
  source scripts/lib/live_server.sh
  trap 'stop_server; scripts/pg.sh stop "$work/pg"' EXIT
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
}
