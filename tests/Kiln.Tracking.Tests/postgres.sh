#!/usr/bin/env bash
# Starts the local PostgreSQL 15 the run store tests use, and prints its connection string as the last line.
# Idempotent: installs Debian's postgresql-15 when missing (as root), creates the cluster once, starts it when it is
# not running, and otherwise just prints the connection string. Listens on 127.0.0.1 only, trust authentication on
# loopback only. A test cluster: fsync is off, so a machine crash may lose it (the tests create fresh databases anyway).
#
#   eval "$(tests/Kiln.Tracking.Tests/postgres.sh --export)"   # sets KILN_TEST_POSTGRES
#
# Settings: KILN_TEST_POSTGRES_PORT (default 54329), KILN_TEST_POSTGRES_DIR (default /tmp/kiln-postgres-<port>).
set -euo pipefail

port=${KILN_TEST_POSTGRES_PORT:-54329}
folder=${KILN_TEST_POSTGRES_DIR:-/tmp/kiln-postgres-$port}
data=$folder/data
connection="Host=127.0.0.1;Port=$port;Username=postgres"
bin=/usr/lib/postgresql/15/bin

say() { echo "postgres.sh: $*" >&2; }

if [ ! -x "$bin/pg_ctl" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "PostgreSQL 15 is not installed ($bin/pg_ctl is missing) and this is not root; run: apt-get install -y postgresql-15"
    exit 1
  fi
  say "installing postgresql-15"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) \
    || { say "apt-get install -y postgresql-15 failed"; exit 1; }
fi

# PostgreSQL refuses to run as root: as root, run the server as the 'postgres' user the package creates.
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

mkdir -p "$folder"
chown "$owner" "$folder"
# One starter at a time (several test runs may call this at once).
exec 9>"$folder/start.lock"
flock -w 120 9 || { say "timed out waiting for $folder/start.lock"; exit 1; }

if [ ! -f "$data/PG_VERSION" ]; then
  say "creating a cluster in $data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
  cat >>"$data/postgresql.conf" <<CONF
# Kiln test cluster (tests/Kiln.Tracking.Tests/postgres.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$folder'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  cat >"$data/pg_hba.conf" <<HBA
# Loopback only, no password: a local test server.
local all all trust
host all all 127.0.0.1/32 trust
HBA
fi

if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$folder/server.log" -w -t 60 start >/dev/null 9>&- \
    || { say "the server did not start; see $folder/server.log"; tail -n 20 "$folder/server.log" >&2 || true; exit 1; }
fi

for _ in $(seq 1 60); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { say "the server on 127.0.0.1:$port does not answer; see $folder/server.log"; exit 1; }

if [ "${1:-}" = "--export" ]; then
  echo "export KILN_TEST_POSTGRES='$connection'"
else
  echo "$connection"
fi
