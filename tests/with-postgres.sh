#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, removed afterwards:
#   bash tests/with-postgres.sh .venv/bin/python -m pytest
# Without the server binaries it says so and skips, except in CI (CI=true) where
# a missing PostgreSQL is a failure.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL server binaries not found in $PG_BIN; CI needs them." >&2
    exit 1
  fi
  echo "PostgreSQL server binaries not found in $PG_BIN: skipping the PostgreSQL run." >&2
  echo "(Install PostgreSQL 15 or set PG_BIN to its bin folder to run it.)" >&2
  exit 0
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/pgtest.XXXXXX")
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  # initdb and pg_ctl refuse to run as root.
  chown postgres "$workdir"
  as_postgres=(runuser -u postgres --)
fi

cleanup() {
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "Starting a throwaway PostgreSQL cluster on port $port"
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 \
  --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log" >&2; exit 1; }
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w start \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
