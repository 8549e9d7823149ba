#!/usr/bin/env bash
# Builds the compdata-server image from the Dockerfile with rootful podman
# (no Docker engine here, no registry) and smoke-tests it: the server's
# --help, and a start against a throwaway PostgreSQL answering health.
#
#   scripts/image.sh [STATE_DIR]     (default /tmp/compdata-image)
#
# How podman is made to work on these machines (runc, ulimits, a local
# debootstrapped base image standing in for debian:bookworm, state kept in
# STATE_DIR) follows ../shared/notes/containers.md. Takes a few minutes; not
# part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

state=${1:-/tmp/compdata-image}
mkdir -p "$state"
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO=sudo

scripts/install-deps.sh podman runc debootstrap

cat >"$state/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
cat >"$state/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$state/graph"
runroot = "$state/run"
EOF
export CONTAINERS_CONF="$state/containers.conf"
export CONTAINERS_STORAGE_CONF="$state/storage.conf"

if ! podman image exists docker.io/library/debian:bookworm; then
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources | head -1)
  rm -rf "$state/rootfs"
  $SUDO debootstrap --variant=minbase bookworm "$state/rootfs" "$mirror" >/dev/null
  $SUDO tar -C "$state/rootfs" -c . | podman import - localhost/debian:bookworm >/dev/null
  podman tag localhost/debian:bookworm docker.io/library/debian:bookworm
  $SUDO rm -rf "$state/rootfs"
fi

podman build --network=host -t compdata:test .
podman run --rm --network=host compdata:test --help | head -3

pg="$state/pg"
url=$(scripts/pg.sh start "$pg")
trap 'podman rm -f compdata-smoke >/dev/null 2>&1 || true; scripts/pg.sh stop "$pg"' EXIT
podman run -d --name compdata-smoke --network=host compdata:test \
  --database_url="$url" --listen_address=127.0.0.1:50599 >/dev/null
for _ in $(seq 100); do
  if build/client/compdata --target=127.0.0.1:50599 health 2>/dev/null; then
    echo "image: compdata:test serves health on 127.0.0.1:50599"
    exit 0
  fi
  sleep 0.2
done
podman logs compdata-smoke >&2
exit 1
