#!/usr/bin/env bash
# Soak: several minutes of mixed reads and continuous ingest against one
# server on loopback, then the figures: calls, failures by code (goal: none),
# ingest loads, and the server's RSS over time (goal: flat after warm-up,
# the last third's peak within 10% of the first third's).
#
#   bench/soak.sh [--minutes=5] [--threads=8] [compdata-gen flags]
#     default data: 100000 postings + 50000 reports
#
# The ingest side re-loads the same 2,000 postings every 2 s through the RPC
# (updates: the data size stays put, so a growing RSS is a leak, not data).
# BUILD_DIR (default build-bench) is a Release build; PostgreSQL lives under
# it for the run. Exits 1 when a goal is missed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build-bench}
minutes=5
threads=8
gen_flags=()
for arg in "$@"; do
  case "$arg" in
    --minutes=*) minutes=${arg#--minutes=} ;;
    --threads=*) threads=${arg#--threads=} ;;
    *) gen_flags+=("$arg") ;;
  esac
done
((${#gen_flags[@]})) || gen_flags=(--postings=100000 --reports=50000)

scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --target compdata-server compdata compdata-gen \
  compdata_python_stubs >/dev/null

work="$PWD/$BUILD_DIR/soak"
rm -rf "$work"
mkdir -p "$work"
source scripts/lib/live_server.sh
ingest_pid=""
cleanup() {
  [[ -n "$ingest_pid" ]] && kill "$ingest_pid" 2>/dev/null || true
  stop_server
  scripts/pg.sh stop "$work/pg"
}
trap cleanup EXIT

url=$(scripts/pg.sh start "$work/pg")
cli="$BUILD_DIR/client/compdata"
start_server "$BUILD_DIR/server/compdata-server" "$url" "$work"
LOAD_QUIET=1 load_data "$cli" "$BUILD_DIR/datagen/compdata-gen" "$PWD" \
  "$work" 2026-01-15T00:00:00Z "${gen_flags[@]}"
head -n 2001 "$work/data/postings.csv" >"$work/postings_updates.csv"
seconds=$((minutes * 60))
echo "soak: ${gen_flags[*]}; ${minutes} min, $threads read threads," \
  "2,000 postings re-loaded every 2 s"

# Continuous ingest; each load's exit status is kept.
(
  end=$((SECONDS + seconds))
  while ((SECONDS < end)); do
    if "$cli" load --quiet "$work/postings_updates.csv" >/dev/null 2>"$work/load.err"; then
      echo ok >>"$work/loads"
    else
      echo failed >>"$work/loads"
    fi
    sleep 2
  done
) &
ingest_pid=$!

# RSS every 5 s.
(
  end=$((SECONDS + seconds))
  while ((SECONDS < end)); do
    awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status" >>"$work/rss"
    sleep 5
  done
) &
rss_pid=$!

/usr/bin/python3 bench/soak/soak_reads.py --stubs="$BUILD_DIR/python/gen" \
  "$COMPDATA_TARGET" "$seconds" "$threads" "$work/reads.json"
wait "$ingest_pid" "$rss_pid" || true
ingest_pid=""

/usr/bin/python3 - "$work" "$seconds" <<'PY'
import json, sys
work, seconds = sys.argv[1], int(sys.argv[2])
reads = json.load(open(f"{work}/reads.json"))
loads = open(f"{work}/loads").read().split()
rss = [int(x) for x in open(f"{work}/rss").read().split()]
third = max(1, len(rss) // 3)
first, last = max(rss[:third]), max(rss[-third:])
failed = sum(reads["failures"].values()) + loads.count("failed")
print(f"reads: {reads['ok']} OK ({reads['ok'] / seconds:.0f}/s), "
      f"failures {reads['failures'] or 'none'}")
print(f"ingest: {loads.count('ok')} loads of 2,000 postings OK, "
      f"{loads.count('failed')} failed")
print(f"RSS: start {rss[0] / 1024:.0f} MB, first third peak {first / 1024:.0f} MB, "
      f"last third peak {last / 1024:.0f} MB ({last / first:.3f} x)")
growth_ok = last <= first * 1.10
print(f"goals: no failure {'met' if failed == 0 else 'NOT met'}; "
      f"RSS flat (<= 1.10 x) {'met' if growth_ok else 'NOT met'}")
sys.exit(0 if failed == 0 and growth_ok else 1)
PY
