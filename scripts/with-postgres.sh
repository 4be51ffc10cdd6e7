#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster on loopback, run the given command with DATABASE_URL pointing at
# it, then stop and remove the cluster. initdb refuses to run as root, so as root it runs as `postgres`.
# Outside CI, a machine without PostgreSQL skips with a message; in CI (CI=true) that is a failure.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL-testene må kjøre i CI, men initdb finnes ikke." >&2
    exit 1
  fi
  echo "SKIPPED: PostgreSQL suite — initdb not found (install postgresql to run it)."
  exit 0
fi
DIR=$(mktemp -d /tmp/forlop-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
export DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/forlop"
"$@"
