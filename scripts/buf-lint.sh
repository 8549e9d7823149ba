#!/usr/bin/env bash
# Lints the compdata protos (proto/compdata/**) with buf, using proto/buf.yaml
# (STANDARD + COMMENTS), fully offline: no Buf Schema Registry.
#
# buf cannot resolve the googleapis imports itself (they come from Debian's
# golang-github-gogo-googleapis-dev, not the BSR), so protoc first builds a
# descriptor-set image with every import and all source info (comments), and
# buf lints that image, limited to our own files with --path compdata.
#
# Usage: scripts/buf-lint.sh [--release | extra buf lint flags, e.g.
# --error-format=json]
# Works from any directory. Exits non-zero on any lint violation or error
# (buf itself exits 100 on violations).
# Environment: GOOGLEAPIS_DIR overrides the googleapis include directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

GOOGLEAPIS_DIR="${GOOGLEAPIS_DIR:-/usr/share/gocode/src/github.com/gogo/googleapis}"
BUF_TOOLS="tools/buf"
BUF="$BUF_TOOLS/node_modules/.bin/buf"

die() { echo "buf-lint: $*" >&2; exit 2; }

release=false
if [[ "${1:-}" == "--release" ]]; then
  release=true
  shift
fi

command -v protoc >/dev/null 2>&1 \
  || die "protoc not found (run scripts/install-deps.sh)"
[[ -f "$GOOGLEAPIS_DIR/google/type/money.proto" ]] \
  || die "googleapis protos not found in $GOOGLEAPIS_DIR (run scripts/install-deps.sh)"
command -v npm >/dev/null 2>&1 \
  || die "npm not found (run scripts/install-deps.sh)"

# Install the pinned buf (tools/buf/package-lock.json) when it is missing or
# is not the version package.json pins.
pinned="$(sed -n 's/.*"@bufbuild\/buf": *"\([^"]*\)".*/\1/p' "$BUF_TOOLS/package.json")"
[[ -n "$pinned" ]] || die "cannot read the @bufbuild/buf pin from $BUF_TOOLS/package.json"
if [[ ! -x "$BUF" ]] || [[ "$("$BUF" --version 2>/dev/null || true)" != "$pinned" ]]; then
  echo "buf-lint: installing @bufbuild/buf $pinned into $BUF_TOOLS/node_modules" >&2
  npm ci --prefix "$BUF_TOOLS" --no-audit --no-fund --loglevel=error >&2
fi

mapfile -t files < <(find proto/compdata -name '*.proto' | LC_ALL=C sort)
((${#files[@]})) || die "no .proto files under proto/compdata"

# grpc_cpp_plugin (1.51) copies service and RPC comments into generated code
# through a printer that treats '$' as a variable delimiter, and aborts on an
# unpaired one. Keep '$' out of the protos altogether (write "USD 120,000").
if grep -n '\$' "${files[@]}" >&2; then
  echo "buf-lint: '\$' found in the protos above: it crashes grpc_cpp_plugin; write USD instead" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

protoc --include_imports --include_source_info \
  -I proto -I "$GOOGLEAPIS_DIR" \
  -o "$tmp/image.binpb" "${files[@]}"

"$BUF" lint "$tmp/image.binpb#format=binpb" --config proto/buf.yaml --path compdata "$@"
# Against the released API (proto/api-v1.binpb, the same kind of image made
# from the protos of the last release): nothing a client built on it relies
# on may change (buf's FILE rules). Replace the file only when releasing:
#   scripts/buf-lint.sh --release   (writes the current protos' image)
if $release; then
  cp "$tmp/image.binpb" proto/api-v1.binpb
  echo "buf-lint: proto/api-v1.binpb now holds the current API"
fi
"$BUF" breaking "$tmp/image.binpb#format=binpb" \
  --against "proto/api-v1.binpb#format=binpb" --config proto/buf.yaml \
  --path compdata
echo "buf-lint: OK (${#files[@]} files, buf $pinned, proto/buf.yaml; no breaking change against proto/api-v1.binpb)"
