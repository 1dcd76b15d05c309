#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the tests (no systemd). Prints the DATABASE_URL on stdout.
# Usage: eval "$(.ci/services/postgres.sh [PORT])"   — exports DATABASE_URL and PGDATA_DIR.
set -euo pipefail
PORT="${1:-54329}"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
BASE=$(mktemp -d /tmp/motcua-pg.XXXXXX)
chmod 755 "$BASE"
chown postgres:postgres "$BASE"
D="$BASE/data"; S="$BASE/sock"
install -d -o postgres -g postgres -m 700 "$D"
install -d -o postgres -g postgres -m 755 "$S"
su postgres -s /bin/sh -c "$BIN/initdb -D $D -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/sh -c "$BIN/pg_ctl -D $D -l $BASE/log -o '-p $PORT -k $S -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -w start >/dev/null"
su postgres -s /bin/sh -c "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -c 'create database motcua_test' >/dev/null"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/motcua_test"
echo "export PGDATA_DIR=$D"
echo "export PG_BIN=$BIN"
