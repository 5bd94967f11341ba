#!/usr/bin/env bash
# Finds a PostgreSQL for the tests, or starts a throwaway one.
#   scripts/postgres.sh start   prints the admin URL to use (and starts a
#                               cluster under ./tmp/pg if none is reachable)
#   scripts/postgres.sh stop    stops the throwaway cluster, if it started one
# Order: $HUB_TEST_DATABASE_URL, then 127.0.0.1:5432, then a throwaway cluster
# (installing Debian's postgresql package when its binaries are missing).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/tmp/pg"
port=55432

reachable() { pg_isready -q -d "$1" 2>/dev/null || (command -v psql >/dev/null && psql "$1" -qtAc 'select 1' >/dev/null 2>&1); }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

start() {
  if [ -n "${HUB_TEST_DATABASE_URL:-}" ]; then echo "$HUB_TEST_DATABASE_URL"; return; fi
  local local_url="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
  if command -v pg_isready >/dev/null && reachable "$local_url"; then echo "$local_url"; return; fi
  local bin
  if ! bin=$(find_bin); then
    echo "postgres.sh: installing Debian's postgresql package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
    bin=$(find_bin)
  fi
  local url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  if [ -f "$dir/data/postmaster.pid" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "$url"; return; fi
  rm -rf "$dir" && mkdir -p "$dir"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown -R postgres "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >&2
  echo "$url"
}

stop() {
  local bin
  [ -f "$dir/data/postmaster.pid" ] || return 0
  bin=$(find_bin) || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
