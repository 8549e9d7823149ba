#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing, lints
# the protos, checks the tree's shape (layers, function size: see
# docs/architecture.md), builds with warnings as errors, runs every ctest
# group (unit, pg against a throwaway PostgreSQL, e2e against the real
# server), then fuzzes read requests and ingest records under ASan + UBSan with a fixed
# seed (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${BUILD_DIR:-build}
scripts/install-deps.sh
scripts/buf-lint.sh
/usr/bin/python3 scripts/check-shape.py
cmake -S . -B "$BUILD_DIR" -G Ninja -DCOMPDATA_WERROR=ON >/dev/null
cmake --build "$BUILD_DIR"
(cd "$BUILD_DIR" && ctest --output-on-failure -j2 --timeout 600)
scripts/fuzz.sh
