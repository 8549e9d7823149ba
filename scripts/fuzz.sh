#!/usr/bin/env bash
# Fuzzes with libFuzzer under ASan + UBSan (clang-14; installed if missing):
#   read:   any bytes as any read RPC's request, against a small in-memory
#           snapshot, must give an answer or INVALID_ARGUMENT / NOT_FOUND
#           naming the field at fault (tests/fuzz/read_request_fuzzer.cc);
#   ingest: any bytes as any ingest record must give a row within the
#           documented limits or a rejection naming field, reason and why
#           (tests/fuzz/ingest_record_fuzzer.cc).
#
#   scripts/fuzz.sh                 both targets, fixed seed and run count
#                                   from the seeds alone: the same inputs
#                                   every time (scripts/test.sh runs this)
#   scripts/fuzz.sh --seconds=600   explore each for that long from a random
#                                   seed, in corpora kept across runs
#
# The build tree is $FUZZ_BUILD_DIR (default build-fuzz; clang, separate from
# the gcc tree). A finding is written as $FUZZ_BUILD_DIR/crash-* (replay: the
# fuzzer binary with that file as its argument).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${FUZZ_BUILD_DIR:-build-fuzz}
# LeakSanitizer needs ptrace, which some CI sandboxes forbid: the fixed run
# leaves leak checks to the exploring one.
mode=(-seed=1 -runs=500000 -detect_leaks=0)
leaks=0
explore=0
for arg in "$@"; do
  case "$arg" in
    --seconds=*)
      mode=(-max_total_time="${arg#--seconds=}")
      leaks=1
      explore=1
      ;;
    *) echo "usage: $0 [--seconds=N]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh clang-14 libclang-rt-14-dev llvm-14
cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMPDATA_BUILD_FUZZ=ON \
  -DCOMPDATA_BUILD_TESTS=OFF -DCOMPDATA_BUILD_BENCH=OFF \
  -DCOMPDATA_BUILD_DATAGEN=OFF >/dev/null
cmake --build "$dir" --target read_request_fuzzer ingest_record_fuzzer \
  fuzz_seeds

export ASAN_OPTIONS=detect_leaks=$leaks:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
for target in read ingest; do
  if ((explore)); then
    corpus="$dir/fuzz-corpus-$target"
  else
    corpus="$dir/fuzz-seeds-$target"
    rm -rf "$corpus"
  fi
  mkdir -p "$corpus"
  "$dir/tests/fuzz/fuzz_seeds" "$target" "$corpus"
  fuzzer=$([[ $target == read ]] && echo read_request_fuzzer || echo ingest_record_fuzzer)
  "$dir/tests/fuzz/$fuzzer" "${mode[@]}" -timeout=10 -max_len=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/" "$corpus"
done
