#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for tests and the demo.
#
#   scripts/pg.sh start STATE_DIR   start one; writes STATE_DIR/url and prints it
#   scripts/pg.sh stop STATE_DIR    stop it and delete its data
#   scripts/pg.sh crash STATE_DIR   kill it as a crash would (data kept)
#   scripts/pg.sh restart STATE_DIR start it again on the same data and port
#
# The data lives in a fresh directory under /tmp (the postgres user cannot
# reach a checkout under /root), owned by `postgres` when we are root, since
# Postgres refuses to run as root. It listens on 127.0.0.1 only, on a free
# port, with trust auth: it holds nothing but test data and dies with the run.
# fsync is off unless PG_FSYNC=on (the crash test wants real durability).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
state=${2:-}
[[ -n "$cmd" && -n "$state" ]] || { echo "usage: $0 start|stop STATE_DIR" >&2; exit 2; }

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

case "$cmd" in
start)
  # A run that died before its cleanup leaves its server behind: retire it.
  [[ -f "$state/datadir" ]] && "$0" stop "$state"
  mkdir -p "$state"
  data=$(mktemp -d /tmp/compdata-pg.XXXXXX)
  chmod 700 "$data"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data"
  echo "$data" >"$state/datadir"
  as_pg "$PGBIN/initdb" -D "$data/db" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; exit 1; }
  # A port can be taken between choosing and binding it: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$PGBIN/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=${PG_FSYNC:-off} \
            -c max_connections=200 -c shared_buffers=256MB" start >/dev/null; then
      url="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "$url" >"$state/url"
      echo "$port" >"$state/port"
      echo "$url"
      exit 0
    fi
  done
  cat "$data/server.log" >&2
  exit 1
  ;;
crash)
  data=$(cat "$state/datadir")
  as_pg "$PGBIN/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null
  ;;
restart)
  data=$(cat "$state/datadir")
  port=$(cat "$state/port")
  as_pg "$PGBIN/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=${PG_FSYNC:-off} \
        -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
  ;;
stop)
  [[ -f "$state/datadir" ]] || exit 0
  data=$(cat "$state/datadir")
  as_pg "$PGBIN/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$data" "$state/url" "$state/port" "$state/datadir"
  ;;
*)
  echo "usage: $0 start|stop|crash|restart STATE_DIR" >&2; exit 2 ;;
esac
