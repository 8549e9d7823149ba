#!/usr/bin/env bash
# Builds the compdata-server image from the Dockerfile with rootful podman
# (no Docker engine here, no registry) and smoke-tests it with nothing from
# the host's build: the server's and compdata-migrate's --help, the image
# size and OCI labels, and a start against a throwaway PostgreSQL answering
# health to the image's own CLI.
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

podman build --network=host -t compdata:test \
  --build-arg VERSION="$(git describe --tags --always --dirty 2>/dev/null || echo dev)" \
  --build-arg REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)" .
podman run --rm --network=host compdata:test --help | head -3
podman run --rm --entrypoint /usr/local/bin/compdata-migrate compdata:test --help | head -1
size=$(podman image inspect compdata:test --format '{{.Size}}')
echo "image: compdata:test $((size / 1000000)) MB; labels:"
podman image inspect compdata:test --format '{{range $k, $v := .Labels}}  {{$k}}={{$v}}{{"\n"}}{{end}}' | grep opencontainers

pg="$state/pg"
url=$(scripts/pg.sh start "$pg")
trap 'podman rm -f compdata-smoke >/dev/null 2>&1 || true; scripts/pg.sh stop "$pg"' EXIT
podman run -d --name compdata-smoke --network=host compdata:test \
  --database_url="$url" --listen_address=127.0.0.1:50599 >/dev/null
# The image's own CLI: everything smoke-tested was built inside the image.
for _ in $(seq 100); do
  if podman run --rm --network=host --entrypoint /usr/local/bin/compdata \
       compdata:test --target=127.0.0.1:50599 health 2>/dev/null; then
    echo "image: compdata:test serves health on 127.0.0.1:50599"
    exit 0
  fi
  sleep 0.2
done
podman logs compdata-smoke >&2
exit 1
