#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on 127.0.0.1:${PGPORT:-5433} (trust auth, fsync off) for
# the cloud suite, and prints the DATABASE_URL to use. `stop` stops it. Needs Debian's postgresql.
set -euo pipefail
port=${PGPORT:-5433}
dir=${PGTMP:-/tmp/kiosk-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "${1:-start}" = "stop" ]; then
  su postgres -c "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null 2>&1 || true
  exit 0
fi
# A cluster left behind by an interrupted run holds the port (its folder may even be gone): stop it
# before starting afresh.
if [ -f "$dir/data/postmaster.pid" ]; then
  su postgres -c "$bin/pg_ctl -D $dir/data -m immediate -w stop" >/dev/null 2>&1 || true
fi
if pkill -f "postgres -D $dir/data" 2>/dev/null; then
  for _ in $(seq 50); do pgrep -f "postgres -D $dir/data" >/dev/null || break; sleep 0.1; done
fi
rm -rf "$dir"
install -d -o postgres -g postgres "$dir"
su postgres -c "$bin/initdb -D $dir/data -A trust -U postgres --no-sync" >/dev/null
su postgres -c "$bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' -l $dir/log -w start" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
