#!/usr/bin/env bash
# Installs every Debian package compdata needs, only when one is missing, so a
# second run costs a dpkg query and nothing else. Arguments name extra
# packages a tool wants (bench/query/profile.sh: valgrind).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev
  libabsl-dev libpqxx-dev libpq-dev prometheus-cpp-dev prometheus
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  golang-github-gogo-googleapis-dev
  python3-grpcio python3-protobuf
  # Go client (go/): Go 1.19, the protoc plugins, and the libraries it builds
  # against offline in GOPATH mode from /usr/share/gocode. The protobuf
  # runtime is golang-github-golang-protobuf-1-5-dev (v1.5, on top of
  # golang-google-protobuf-dev), not golang-goprotobuf-dev: that one is v1.3,
  # conflicts with protoc-gen-go and cannot be installed on bookworm.
  golang-go protoc-gen-go protoc-gen-go-grpc golang-google-grpc-dev
  golang-github-golang-protobuf-1-5-dev golang-google-protobuf-dev
  golang-google-genproto-dev
  clang-format
)
# The machine image may carry its own Node.js with npm inside; Debian's npm
# conflicts with that build, so Debian's pair is only for machines with neither.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
PACKAGES+=("$@")

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
