#!/usr/bin/env bash
# Installs the Node suite's pinned dependencies (node/package-lock.json) into
# node/node_modules with `npm ci`, but only when node_modules is missing or
# package.json / package-lock.json changed since the last install: a copy of
# both is kept as a stamp inside node_modules (npm ci removes node_modules
# first, so a failed install leaves no stamp and the next run retries).
#
# Usage: node/install.sh        (from any directory; ctest runs it as the
#                                node_modules fixture of e2e.node_client)
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$dir/node_modules/.compdata-install-stamp"

die() { echo "node/install.sh: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || die "node not found (run scripts/install-deps.sh)"
command -v npm >/dev/null 2>&1 || die "npm not found (run scripts/install-deps.sh)"
major="$(node -p 'process.versions.node.split(".")[0]')"
((major >= 18)) || die "node $(node --version) is too old: the suite needs node >= 18 (node:test)"

want="$(cat "$dir/package.json" "$dir/package-lock.json")"
if [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$want" ]]; then
  echo "node/install.sh: node_modules up to date"
  exit 0
fi

echo "node/install.sh: npm ci in $dir" >&2
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >&2
printf '%s' "$want" >"$stamp"
echo "node/install.sh: installed $(cd "$dir" && node -p \
  '["@grpc/grpc-js", "@grpc/proto-loader", "protobufjs"].map((p) => p + "@" + require(p + "/package.json").version).join(" ")')"
